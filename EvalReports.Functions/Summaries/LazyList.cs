namespace EvalReports.Summaries;

/// <summary>A sequence whose items are made the first time an enumeration reaches them, then kept for the next one.</summary>
internal sealed class LazyList<T>(IEnumerable<T> source) : IEnumerable<T>
{
    private readonly IEnumerator<T> _remaining = source.GetEnumerator();
    private readonly List<T> _made = [];
    private bool _done;

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; ; i++)
        {
            if (i < _made.Count)
            {
                yield return _made[i];
                continue;
            }
            if (_done || !_remaining.MoveNext())
            {
                _done = true;
                yield break;
            }
            _made.Add(_remaining.Current);
            yield return _made[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
