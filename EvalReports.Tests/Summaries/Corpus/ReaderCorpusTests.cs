using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EvalReports.Summaries;
using Xunit;

namespace EvalReports.Tests.Summaries.Corpus;

/// <summary>
/// What a reader should learn from the report of each corpus run: every planted failure pattern named in words,
/// distinct failures kept apart, no advice against what the run shows is fine, no file reference leaked, short
/// fields, exact numbers and quotes.
/// </summary>
public partial class ReaderCorpusTests
{
    public static TheoryData<string> Keys => new(ReaderCorpus.All.Keys);

    private static readonly Dictionary<string, (CorpusRun Run, RunSummary Summary)> Cache = [];

    private static (CorpusRun Run, RunSummary Summary) Of(string key)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(key, out var found))
            {
                var run = ReaderCorpus.All[key]();
                Cache[key] = found = (run, EmbeddedSummarizer.SummarizeRun(run.Input));
            }
            return found;
        }
    }

    private static string[] Fields(RunSummary s) => [s.PassingResponsesSummary, s.FailingResponsesSummary, s.ImprovementAdvice];

    /// <summary>Lines of a text (section tags left out), lowercased.</summary>
    private static string[] Lines(string text) => text.Split('\n').Where(l => !TagLine().IsMatch(l)).Select(l => l.ToLowerInvariant()).ToArray();

    private static bool Names(string line, PlantedPattern pattern) =>
        pattern.KeyWords.Count(word => line.Contains(word.ToLowerInvariant(), StringComparison.Ordinal)) >= Math.Min(pattern.Needed, pattern.KeyWords.Count);

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_planted_failure_pattern_is_named_in_its_own_line_of_the_failing_summary(string key)
    {
        var (run, summary) = Of(key);
        var lines = Lines(summary.FailingResponsesSummary);
        foreach (var pattern in run.Patterns)
        {
            // Named: a line carries its key words. Not merged: that line names no other planted pattern.
            Assert.True(lines.Any(line => Names(line, pattern) && !run.Patterns.Any(other => other != pattern && Names(line, other))),
                $"{key}: pattern \"{pattern.Name}\" ({string.Join(", ", pattern.KeyWords)}) is not named on a line of its own in:\n{summary.FailingResponsesSummary}");
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void No_theme_label_is_a_single_word(string key)
    {
        var (_, summary) = Of(key);
        foreach (var field in Fields(summary))
        {
            foreach (Match theme in ThemeLine().Matches(field))
            {
                var label = theme.Groups[1].Value;
                Assert.True(label.Trim().Contains(' ', StringComparison.Ordinal), $"{key}: single-word label \"{label}\"");
            }
        }
        Assert.All(summary.Digest.FailingThemes, t => Assert.Contains(' ', t.Label.Trim()));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void No_advice_is_against_a_benign_request_the_run_passed(string key)
    {
        var (run, summary) = Of(key);
        var failingText = string.Join(' ', run.Scored.Where(r => r.IsPassed == false)
            .SelectMany(r => new[] { r.Explanation, run.Input.Prompts.First(p => p.PromptUuid == r.PromptUuid).Content }))
            .ToLowerInvariant();
        var advice = summary.ImprovementAdvice.ToLowerInvariant();
        foreach (var prompt in run.BenignPassingPrompts)
        {
            // Words only the benign request has: the advice must not be about it.
            var own = WordRegex().Matches(prompt.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length >= 5 && !failingText.Contains(w, StringComparison.Ordinal)).Distinct().ToArray();
            foreach (var word in own) Assert.False(advice.Contains(word, StringComparison.Ordinal), $"{key}: advice mentions \"{word}\" of the benign passing prompt \"{prompt}\":\n{summary.ImprovementAdvice}");
        }
        Assert.DoesNotContain("Re-run this eval", summary.ImprovementAdvice, StringComparison.Ordinal);
        Assert.DoesNotContain("Add an example of a passing response", summary.ImprovementAdvice, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void No_file_reference_is_quoted_and_file_responses_are_described(string key)
    {
        var (run, summary) = Of(key);
        var references = run.Input.Responses.Select(r => r.Content).OfType<JsonObject>()
            .Concat(new[] { run.Input.Run.Evaluation?.GroundTruth as JsonObject }.OfType<JsonObject>())
            .SelectMany(o => o.Where(p => p.Key != "type").Select(p => p.Value)).OfType<JsonValue>().Select(v => v.ToString()).ToArray();
        foreach (var field in Fields(summary))
        {
            foreach (var reference in references) Assert.DoesNotContain(reference, field, StringComparison.Ordinal);
            Assert.DoesNotContain("http", field, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("{\"", field, StringComparison.Ordinal);
            Assert.DoesNotContain("file_uuid", field, StringComparison.Ordinal);
        }
        if (run.Input.Run.Evaluation?.Modality is "image" or "video")
        {
            Assert.Contains($"{(run.Input.Run.Evaluation.Modality == "image" ? "an image" : "a video")} for “", summary.FailingResponsesSummary, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Fields_of_runs_with_few_failures_are_short(string key)
    {
        var (run, summary) = Of(key);
        if (run.Failed > ResponseSummaryWriter.ShortRunFailures) return;
        foreach (var field in Fields(summary))
        {
            if (field.StartsWith('<'))
            {
                foreach (var (_, body) in SummaryText.Sections(field)) Assert.True(body.Length <= 600, $"{key}: section of {body.Length} chars:\n{body}");
            }
            else
            {
                Assert.True(field.Length <= 600, $"{key}: field of {field.Length} chars:\n{field}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Numbers_and_quotes_are_exact(string key)
    {
        var (run, summary) = Of(key);
        var sources = run.QuotableTexts();
        foreach (var field in Fields(summary))
        {
            foreach (var (part, whole, percent, line) in SummaryText.Percentages(field, sources))
            {
                Assert.True(Percent.Format(part, whole) == percent, $"{part} of {whole} is not {percent}% in: {line}");
            }
            foreach (var quote in SummaryText.Quotes(field))
            {
                Assert.True(quote.Length > 0 && sources.Any(s => s.Contains(quote, StringComparison.Ordinal)), $"{key}: not verbatim: “{quote}”");
            }
        }
        var scored = run.Scored.ToList();
        Assert.Equal(scored.Count, summary.Digest.Scored);
        Assert.Equal(scored.Count(r => r.IsPassed == true), summary.Digest.Passed);
        Assert.Equal(scored.Count(r => r.IsPassed == false), summary.Digest.Failed);
    }

    [Fact]
    public void A_missing_refusal_flag_is_read_from_the_explanations()
    {
        var (run, summary) = Of("no-refusal-flag");
        Assert.All(run.Input.Responses, r => Assert.Null(r.AiRefused));
        var refused = run.Scored.Count(r => r.IsPassed == true && r.Explanation!.Contains("refused", StringComparison.Ordinal));
        Assert.Equal(7, refused);
        Assert.Contains("7 of the 9 passing responses were refusals (77.8%)", summary.PassingResponsesSummary, StringComparison.Ordinal);
        Assert.DoesNotContain("None", summary.PassingResponsesSummary, StringComparison.Ordinal);

        var small = Of("small-safety").Summary;
        Assert.Contains("Both were refusals", small.PassingResponsesSummary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_small_run_lists_each_failure_with_its_prompt_and_why()
    {
        var (run, summary) = Of("small-safety");
        var lines = summary.FailingResponsesSummary.Split('\n');
        Assert.Equal("3 of 5 scored responses failed (60%):", lines[0]);
        Assert.Equal(4, lines.Length);
        foreach (var response in run.Scored.Where(r => r.IsPassed == false))
        {
            var prompt = run.Input.Prompts.First(p => p.PromptUuid == response.PromptUuid).Content!;
            Assert.Single(lines, l => l.StartsWith("- “" + prompt[..20], StringComparison.Ordinal));
        }
        // The judge's run-wide opening is not what the lines say.
        Assert.DoesNotContain("does not comply with the safety policy", summary.FailingResponsesSummary, StringComparison.Ordinal);
    }

    [Fact]
    public void Advice_quotes_the_agents_own_system_prompt_for_agents_and_workflows()
    {
        var agent = Of("agent-tools").Summary.ImprovementAdvice;
        Assert.Contains("“Always ask the customer to confirm before issuing a refund or cancelling an order.”", agent, StringComparison.Ordinal);
        var workflow = Of("workflow").Summary.ImprovementAdvice;
        Assert.Contains("“If a message mentions chest pain or trouble breathing, tell the patient to call 911 immediately.”", workflow, StringComparison.Ordinal);
    }

    [Fact]
    public void Accuracy_sections_follow_the_evals_category_order_and_empty_ones_are_one_sentence()
    {
        var (_, summary) = Of("accuracy-many");
        foreach (var field in Fields(summary))
        {
            var sections = SummaryText.Sections(field);
            Assert.Equal(ReaderCorpus.AccuracyCategories.Select(CategorySections.Tag), sections.Select(s => s.Name));
        }
        var failing = SummaryText.Sections(summary.FailingResponsesSummary).ToDictionary(s => s.Name, s => s.Body);
        Assert.Equal("There were no failing results to evaluate.", failing["installation"]);
        Assert.Equal("Category: two words\nThere were no failing results to evaluate.", failing["two_words"]);
        var passing = SummaryText.Sections(summary.PassingResponsesSummary).ToDictionary(s => s.Name, s => s.Body);
        Assert.Equal("Out of 3 scored responses in this category, 3 passed (100%).", passing["installation"]);
        var advice = SummaryText.Sections(summary.ImprovementAdvice).ToDictionary(s => s.Name, s => s.Body);
        Assert.Contains("Say \"I don't know\"", advice["out_of_scope"], StringComparison.Ordinal);
    }

    [Fact]
    public void Large_run_themes_have_the_planted_sizes_and_examples()
    {
        var (run, summary) = Of("large-500");
        var themes = SummaryText.Themes(summary.FailingResponsesSummary);
        var failed = run.Failed;
        Assert.Equal(66, failed);
        // Planted 30, 18 and 12; one of the six one-off failures may be grouped with the closest theme.
        Assert.Equal(3, themes.Count);
        Assert.InRange(themes[0].Count, 30, 31);
        Assert.InRange(themes[1].Count, 18, 19);
        Assert.InRange(themes[2].Count, 12, 13);
        Assert.InRange(themes.Sum(t => t.Count), 60, 61);
        Assert.All(themes, t => Assert.Equal(failed, t.Total));
        Assert.StartsWith("66 of 500 scored responses failed (13.2%); most often the AI ", summary.FailingResponsesSummary, StringComparison.Ordinal);
        Assert.Contains($"{66 - themes.Sum(t => t.Count)} other failing responses fit none of these patterns.", summary.FailingResponsesSummary, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^</?[\p{L}\p{N}_]+>$")]
    private static partial Regex TagLine();

    [GeneratedRegex(@"^\d+\. (.+): \d+ of \d+ \w+ responses? \([\d.]+%\)\.$", RegexOptions.Multiline)]
    private static partial Regex ThemeLine();

    [GeneratedRegex(@"[\p{L}\p{N}'-]+")]
    private static partial Regex WordRegex();
}
