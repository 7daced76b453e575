namespace EvalReports.Summaries.Llm;

/// <summary>Which summarizer writes a report: sandbox reports always get the embedded one; others the configured one.</summary>
public sealed class SummarizerChoice(ISummarizer configured, EmbeddedSummarizer embedded)
{
    public ISummarizer For(bool isSandbox) => isSandbox ? embedded : configured;
}
