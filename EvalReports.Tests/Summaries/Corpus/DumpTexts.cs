using EvalReports.Summaries;
using Xunit;

namespace EvalReports.Tests.Summaries.Corpus;

/// <summary>Writes the corpus's texts to EVALREPORTS_DUMP_SUMMARIES (a Markdown file) when set, for reading them; checks each field is written.</summary>
public class DumpTexts
{
    [Fact]
    public void Every_corpus_run_gets_three_fields_and_they_can_be_dumped_for_reading()
    {
        var text = new System.Text.StringBuilder();
        var inputs = ReaderCorpus.All.Select(p => (p.Key, Input: p.Value().Input))
            .Concat(new[] { "safety", "accuracy", "jailbreak" }.Select(name => ($"sample-{name}", TestRuns.Shipped(name).Input)))
            .Concat(new (string, Func<BuiltRun>)[]
            {
                ("t-safety-small", () => TestRuns.SafetySmall()), ("t-safety-large", () => TestRuns.SafetyLarge()), ("t-jailbreak", () => TestRuns.Jailbreak()),
                ("t-accuracy", () => TestRuns.Accuracy()), ("t-agent", () => TestRuns.Agent()), ("t-es", () => TestRuns.SpanishSafety()),
                ("t-ja", () => TestRuns.JapaneseSafety()), ("t-zh", () => TestRuns.ChineseSafety()), ("t-unknown", TestRuns.UnknownType), ("t-odd", TestRuns.OddInputs),
                ("t-all-pass", TestRuns.AllPassing), ("t-all-fail", TestRuns.AllFailing),
            }.Select(p => (p.Item1, p.Item2().Input)));
        foreach (var (key, input) in inputs)
        {
            var s = EmbeddedSummarizer.SummarizeRun(input);
            Assert.All(new[] { s.PassingResponsesSummary, s.FailingResponsesSummary, s.ImprovementAdvice }, f => Assert.False(string.IsNullOrWhiteSpace(f)));
            text.Append($"### {key}\n\n**passing_responses_summary**\n```text\n{s.PassingResponsesSummary}\n```\n**failing_responses_summary**\n```text\n{s.FailingResponsesSummary}\n```\n**improvement_advice**\n```text\n{s.ImprovementAdvice}\n```\n\n");
        }
        if (Environment.GetEnvironmentVariable("EVALREPORTS_DUMP_SUMMARIES") is { Length: > 0 } path) File.WriteAllText(path, text.ToString());
    }
}
