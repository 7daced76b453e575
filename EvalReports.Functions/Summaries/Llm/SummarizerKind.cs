namespace EvalReports.Summaries.Llm;

/// <summary>The values of EVALREPORTS_SUMMARIZER.</summary>
public enum SummarizerKind
{
    /// <summary>The built-in deterministic summarizer for every run (the default).</summary>
    Embedded,

    /// <summary>A chat model writes each non-sandbox run's prose; the embedded summarizer is its fallback.</summary>
    Llm,
}
