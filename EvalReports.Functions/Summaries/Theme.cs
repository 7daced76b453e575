namespace EvalReports.Summaries;

/// <summary>
/// A group of texts about the same thing. <see cref="Members"/> are indexes into the texts given to the
/// <see cref="ThemeFinder"/>, ascending; <see cref="Central"/> is the member closest to the group's centre.
/// </summary>
public sealed record Theme(string Label, IReadOnlyList<int> Members, int Central)
{
    public int Count => Members.Count;
}
