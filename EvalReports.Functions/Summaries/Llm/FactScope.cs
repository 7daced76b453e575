namespace EvalReports.Summaries.Llm;

/// <summary>
/// What one text is about (the whole run, or one category) and what it may state: the scope's counts, and every number
/// and percentage the checks allow in it.
/// </summary>
/// <param name="Name">How problems name the scope: "the run" or "category C2".</param>
public sealed record FactScope(string Name, int Scored, int Passed, int Failed, int Refusals, IReadOnlySet<string> Numbers, IReadOnlySet<string> Percentages);
