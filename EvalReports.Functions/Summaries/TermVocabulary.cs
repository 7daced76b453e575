using System.Runtime.InteropServices;

namespace EvalReports.Summaries;

/// <summary>
/// Term ids for one batch of texts: words (looked up by span, so a known word costs no allocation) and word pairs.
/// Each term keeps the first surface form seen, for display in theme labels.
/// </summary>
internal sealed class TermVocabulary
{
    private readonly Dictionary<string, int> _words = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _wordLookup;
    private readonly Dictionary<long, int> _pairs = new();
    private readonly List<string> _display = [];
    private readonly List<int> _first = [];
    private readonly List<int> _second = [];

    public TermVocabulary() => _wordLookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _display.Count;

    public int Word(ReadOnlySpan<char> term, ReadOnlySpan<char> surface)
    {
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_wordLookup, term, out var exists);
        if (!exists)
        {
            id = _display.Count;
            _display.Add(surface.ToString());
            _first.Add(-1);
            _second.Add(-1);
        }
        return id;
    }

    public int Pair(int first, int second)
    {
        var key = ((long)first << 32) | (uint)second;
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_pairs, key, out var exists);
        if (!exists)
        {
            id = _display.Count;
            _display.Add(string.Empty);
            _first.Add(first);
            _second.Add(second);
        }
        return id;
    }

    public bool IsPair(int id) => _first[id] >= 0;

    /// <summary>The words of a term as shown to readers ("weapon instructions").</summary>
    public string Display(int id) => IsPair(id) ? _display[_first[id]] + " " + _display[_second[id]] : _display[id];
}
