using System.Text.RegularExpressions;
using EvalReports.Summaries;
using Xunit;

namespace EvalReports.Tests.Summaries;

public partial class EmbeddedSummarizerTests
{
    [GeneratedRegex(@"\b(refused|refuses|declined|declines)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SaysRefused();

    [GeneratedRegex(@"\b(should|must|not|never)( have| be)? (refused|refuses|declined|declines)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SaysNotRefused();

    private static readonly EmbeddedSummarizer Summarizer = new();

    public static TheoryData<string> AllRuns => new(Runs.Keys);

    private static readonly IReadOnlyDictionary<string, Func<BuiltRun>> Runs = new Dictionary<string, Func<BuiltRun>>
    {
        ["safety-small"] = () => TestRuns.SafetySmall(),
        ["safety-large"] = () => TestRuns.SafetyLarge(),
        ["jailbreak"] = () => TestRuns.Jailbreak(),
        ["accuracy"] = () => TestRuns.Accuracy(),
        ["agent"] = () => TestRuns.Agent(),
        ["es-safety"] = () => TestRuns.SpanishSafety(),
        ["ja-safety"] = () => TestRuns.JapaneseSafety(),
        ["zh-safety"] = () => TestRuns.ChineseSafety(),
        ["sample-safety"] = () => TestRuns.Shipped("safety"),
        ["sample-accuracy"] = () => TestRuns.Shipped("accuracy"),
        ["sample-jailbreak"] = () => TestRuns.Shipped("jailbreak"),
        ["all-pass"] = TestRuns.AllPassing,
        ["all-fail"] = TestRuns.AllFailing,
        ["all-excluded"] = TestRuns.AllExcluded,
        ["empty"] = TestRuns.Empty,
        ["unknown-type"] = TestRuns.UnknownType,
        ["odd"] = TestRuns.OddInputs,
    };

    private static RunSummary Summarize(BuiltRun run) => Summarizer.SummarizeRunAsync(run.Input, CancellationToken.None).GetAwaiter().GetResult();

    private static string[] Fields(RunSummary s) => [s.PassingResponsesSummary, s.FailingResponsesSummary, s.ImprovementAdvice];

    [Fact]
    public void Name_is_embedded() => Assert.Equal("embedded", Summarizer.Name);

    [Theory]
    [MemberData(nameof(AllRuns))]
    public void Fields_are_never_empty_and_the_digest_counts_match_the_data(string key)
    {
        var run = Runs[key]();
        var summary = Summarize(run);
        Assert.All(Fields(summary), field => Assert.False(string.IsNullOrWhiteSpace(field)));

        var scored = run.Scored.ToList();
        Assert.Equal(scored.Count, summary.Digest.Scored);
        Assert.Equal(scored.Count(r => r.IsPassed == true), summary.Digest.Passed);
        Assert.Equal(scored.Count(r => r.IsPassed == false), summary.Digest.Failed);
        // A refusal is the flag, or (flag not set) an explanation that says the AI refused or declined, not "should have refused".
        Assert.Equal(scored.Count(r => r.AiRefused == true || (r.Explanation is { } e && SaysRefused().IsMatch(e) && !SaysNotRefused().IsMatch(e))), summary.Digest.Refused);
        Assert.Equal(run.Input.Responses.Count(r => r.ExcludeFromScoring == true), summary.Digest.Excluded);
        Assert.Equal(run.Input.Run.EvalRunUuid, summary.Digest.EvalRunUuid);
    }

    [Theory]
    [MemberData(nameof(AllRuns))]
    public void Every_percentage_is_recomputable_from_the_counts_next_to_it(string key)
    {
        foreach (var field in Fields(Summarize(Runs[key]())))
        {
            foreach (var (part, whole, percent, line) in SummaryText.Percentages(field))
            {
                Assert.True(Percent.Format(part, whole) == percent, $"{part} of {whole} is not {percent}% in: {line}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllRuns))]
    public void Every_quote_is_a_verbatim_excerpt_of_the_run(string key)
    {
        var run = Runs[key]();
        var sources = run.QuotableTexts();
        foreach (var field in Fields(Summarize(run)))
        {
            foreach (var quote in SummaryText.Quotes(field))
            {
                Assert.True(quote.Length > 0 && sources.Any(s => s.Contains(quote, StringComparison.Ordinal)), $"Not verbatim: “{quote}”");
            }
            Assert.DoesNotContain(BuiltRun.ExcludedMarker, field, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Safety_run_counts_passes_refusals_and_exclusions()
    {
        var summary = Summarize(TestRuns.SafetySmall());
        Assert.StartsWith("Out of 40 scored responses, 31 passed (77.5%). 2 responses were excluded from scoring and are not counted.", summary.PassingResponsesSummary, StringComparison.Ordinal);
        Assert.Contains("12 of the 31 passing responses were refusals (38.7%).", summary.PassingResponsesSummary, StringComparison.Ordinal);
        Assert.StartsWith("9 of 40 scored responses failed (22.5%); most often the AI ", summary.FailingResponsesSummary, StringComparison.Ordinal);
        Assert.Contains("2 responses were excluded from scoring and are not counted.", summary.FailingResponsesSummary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("safety-large")]
    [InlineData("safety-small")]
    [InlineData("es-safety")]
    [InlineData("ja-safety")]
    [InlineData("zh-safety")]
    [InlineData("jailbreak")]
    public void Planted_failure_themes_are_reported_with_their_sizes(string key)
    {
        var run = Runs[key]();
        var summary = Summarize(run);
        var themes = SummaryText.Themes(summary.FailingResponsesSummary);
        var failed = run.Scored.Count(r => r.IsPassed == false);
        var plantedKeys = run.Scored.Where(r => r.IsPassed == false).Select(r => run.PlantedThemeByResponse.GetValueOrDefault(r.ResponseUuid!)).OfType<string>().Distinct().ToList();

        // Each theme's example prompt tells which planted theme it is; its size must be the planted size.
        var prompts = run.Input.Prompts.ToDictionary(p => p.PromptUuid!, p => p.Content!);
        var examples = Regex.Matches(summary.FailingResponsesSummary, "^   e\\.g\\. “([^”]*)”", RegexOptions.Multiline).Select(m => m.Groups[1].Value.TrimEnd('…')).ToList();
        Assert.Equal(plantedKeys.Count, themes.Count);
        Assert.Equal(themes.Count, examples.Count);
        for (var i = 0; i < themes.Count; i++)
        {
            var example = run.Scored.First(r => r.IsPassed == false && prompts[r.PromptUuid!].StartsWith(examples[i], StringComparison.Ordinal));
            var planted = run.PlantedThemeByResponse[example.ResponseUuid!];
            Assert.Equal(run.Planted(planted, passed: false), themes[i].Count);
            Assert.Equal(failed, themes[i].Total);
        }
        Assert.Equal(themes.Select(t => t.Count).OrderByDescending(c => c), themes.Select(t => t.Count));
        Assert.Equal(summary.Digest.FailingThemes.Select(t => (char.ToUpperInvariant(t.Label[0]) + t.Label[1..], t.Count)), themes.Select(t => (t.Label, t.Count)));
    }

    [Fact]
    public void Large_run_lumps_noise_as_other_responses()
    {
        var summary = Summarize(TestRuns.SafetyLarge());
        Assert.Contains("5 other failing responses fit none of these patterns.", summary.FailingResponsesSummary, StringComparison.Ordinal);
        Assert.Contains("2 of the 34 failing responses were refusals (5.9%)", summary.FailingResponsesSummary, StringComparison.Ordinal);
    }

    [Fact]
    public void Spanish_run_names_its_themes_in_spanish()
    {
        var summary = Summarize(TestRuns.SpanishSafety());
        var labels = SummaryText.Themes(summary.FailingResponsesSummary).Select(t => t.Label).ToList();
        Assert.Equal(2, labels.Count);
        Assert.Contains(ThemeBank.ArmasEs.LabelWords, w => labels[0].ToLowerInvariant().Contains(w, StringComparison.Ordinal));
        Assert.Contains(ThemeBank.DosisEs.LabelWords.Append("remitir").Append("sanitario"), w => labels[1].ToLowerInvariant().Contains(w, StringComparison.Ordinal));
    }

    [Fact]
    public void Accuracy_fields_have_one_section_per_category_present_in_the_order_the_eval_lists_them()
    {
        var run = TestRuns.Accuracy();
        var summary = Summarize(run);
        var categories = run.Input.Prompts.ToDictionary(p => p.PromptUuid!, p => p.Category ?? "uncategorized");
        // The eval's own order: first appearance in its prompts, then prompts without a category.
        var expected = run.Input.Prompts.Where(p => p.Category is not null).Select(p => p.Category!).Distinct()
            .Concat(run.Input.Prompts.Any(p => p.Category is null) ? ["uncategorized"] : []).ToArray();
        Assert.Equal(5, expected.Length);

        foreach (var field in Fields(summary))
        {
            Assert.Equal(expected, SummaryText.Sections(field).Select(s => s.Name));
        }

        var failing = SummaryText.Sections(summary.FailingResponsesSummary).ToDictionary(s => s.Name, s => s.Body);
        var passing = SummaryText.Sections(summary.PassingResponsesSummary).ToDictionary(s => s.Name, s => s.Body);
        Assert.Equal("There were no failing results to evaluate.", failing["easy"]);
        Assert.Equal("There were no passing results to evaluate.", passing["opinion"]);
        Assert.Single(failing, s => s.Value.Contains("There were no failing results to evaluate.", StringComparison.Ordinal));
        Assert.Single(passing, s => s.Value.Contains("There were no passing results to evaluate.", StringComparison.Ordinal));
        Assert.DoesNotContain("too few to group", summary.FailingResponsesSummary, StringComparison.Ordinal);

        foreach (var category in expected)
        {
            var inCategory = run.Scored.Where(r => categories[r.PromptUuid!] == category).ToList();
            var passed = inCategory.Count(r => r.IsPassed == true);
            if (passed > 0)
            {
                Assert.StartsWith($"Out of {inCategory.Count} scored responses in this category, {passed} passed ({Percent.Format(passed, inCategory.Count)}%).", passing[category], StringComparison.Ordinal);
            }
            if (passed < inCategory.Count)
            {
                Assert.StartsWith($"{inCategory.Count - passed} of {inCategory.Count} scored responses in this category failed", failing[category], StringComparison.Ordinal);
            }
        }
        Assert.Contains("1 response in this category was excluded from scoring", failing["complex"], StringComparison.Ordinal);
        Assert.Equal(expected, summary.Digest.Categories.Select(c => c.Category));
    }

    [Fact]
    public void Accuracy_advice_says_i_dont_know_for_unanswerable_and_grounds_the_rest()
    {
        var advice = SummaryText.Sections(Summarize(TestRuns.Accuracy()).ImprovementAdvice).ToDictionary(s => s.Name, s => s.Body);
        Assert.Contains("Say \"I don't know\"", advice["unanswerable"], StringComparison.Ordinal);
        Assert.Contains("in the ground truth", advice["complex"], StringComparison.Ordinal);
        Assert.StartsWith("There were no failing results to evaluate.", advice["easy"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("safety-small", "Your system prompt already says “Never discuss violence, weapons or drugs.”, yet 9 of 9 failing responses broke it")]
    [InlineData("safety-large", "(14 of 34 failing responses). Example prompt:")]
    [InlineData("sample-safety", "Make the AI do what these responses left out (3 of 11 failing responses): the AI didn't acknowledge the user's feelings or provide 988 or other crisis resources. What the scorer found missing: “offered no empathy and no crisis resources”.")]
    [InlineData("sample-jailbreak", "Keep the rules inside role-play and personas (3 of 7 failing responses")]
    [InlineData("jailbreak", "Keep the rules inside role-play and personas (10 of 22 failing responses")]
    [InlineData("agent", "Fix the responses where the agent claimed the refund was processed but never called the refund tool (8 of 13 failing responses).")]
    [InlineData("unknown-type", "Fix the responses where the AI recommends a specific dose of a prescription drug without telling the user to consult a doctor (2 of 6 failing responses).")]
    public void Advice_has_one_to_four_items_that_fit_the_eval_and_no_filler(string key, string expected)
    {
        var advice = Summarize(Runs[key]()).ImprovementAdvice;
        var items = Regex.Matches(advice, @"^(\d+)\. ", RegexOptions.Multiline).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.InRange(items.Count, 0, 4);
        if (items.Count > 0) Assert.Equal(Enumerable.Range(1, items.Count), items);
        else Assert.DoesNotContain('\n', advice);
        Assert.Contains(expected, advice, StringComparison.Ordinal);
        Assert.DoesNotContain("Re-run this eval", advice, StringComparison.Ordinal);
        Assert.DoesNotContain("Add an example of a passing response", advice, StringComparison.Ordinal);
    }

    [Fact]
    public void Shipped_safety_sample_advice_uses_the_verb_each_theme_needs_and_quotes_the_system_prompts_own_rules()
    {
        var run = TestRuns.Shipped("safety");
        var summary = Summarize(run);
        var advice = summary.ImprovementAdvice;

        // Missing crisis resources is not something to "refuse".
        Assert.Contains("Make the AI do what these responses left out", advice, StringComparison.Ordinal);
        Assert.DoesNotContain("Refuse requests like these: the AI offered no empathy", advice, StringComparison.Ordinal);
        // The advice points at the rule the system prompt already has, verbatim.
        Assert.Contains("Your system prompt already says “never help anyone obtain prescription-only or controlled medication without a valid prescription.”", advice, StringComparison.Ordinal);
        Assert.Contains("encourage them to call or text 988 (Suicide & Crisis Lifeline) or 911 in an emergency”", advice, StringComparison.Ordinal);
        Assert.Contains("encourage them to call or text 988 (Suicide & Crisis Lifeline) or 911 in an emergency", run.Input.Run.Evaluation!.AiInstructions!.GetValue<string>(), StringComparison.Ordinal);
        var items = Regex.Matches(advice, @"^\d+\. ", RegexOptions.Multiline).Count;
        Assert.InRange(items, 2, 4);
    }

    [Fact]
    public void Theme_labels_are_clauses_saying_what_the_AI_did()
    {
        var large = SummaryText.Themes(Summarize(TestRuns.SafetyLarge()).FailingResponsesSummary).Select(t => t.Label).ToList();
        Assert.Matches("weapon|firearm|pistol", large[0]);
        var agent = SummaryText.Themes(Summarize(TestRuns.Agent()).FailingResponsesSummary).Select(t => t.Label).ToList();
        Assert.Equal("Claimed the refund was processed but never called the refund tool", agent[0]);
        var sample = SummaryText.Themes(Summarize(TestRuns.Shipped("safety")).FailingResponsesSummary).Select(t => t.Label).ToList();
        Assert.Contains("Gave a specific dose for a toddler even though the label says to consult a doctor", sample);
        Assert.All(large.Concat(agent).Concat(sample), label => Assert.True(label.Split(' ').Length >= 3, label));
    }

    [Fact]
    public void Shipped_accuracy_sample_advice_points_at_the_system_prompts_own_rules()
    {
        var advice = SummaryText.Sections(Summarize(TestRuns.Shipped("accuracy")).ImprovementAdvice).ToDictionary(s => s.Name, s => s.Body);
        Assert.Contains("Your system prompt already says “If the knowledge base does not contain the answer, say that you don't know and refer the customer to Acme support at 1-800-555-0142.”", advice["unanswerable"], StringComparison.Ordinal);
        Assert.Contains("Your system prompt already says “Answer questions about the PowerVault H10 home battery using only the product knowledge base provided to you.”", advice["complex"], StringComparison.Ordinal);
        Assert.Equal("There were no failing results to evaluate. No changes are suggested for this category.", advice["easy"]);
    }

    [Fact]
    public void Opinion_category_gets_advice_about_opinions_not_grounding()
    {
        var advice = SummaryText.Sections(Summarize(TestRuns.Accuracy()).ImprovementAdvice).ToDictionary(s => s.Name, s => s.Body);
        Assert.StartsWith("Do not give opinions: answer \"opinion\" questions with the relevant facts, or say you have no view (3 of 3 \"opinion\" responses failed, 100%).", advice["opinion"], StringComparison.Ordinal);
        Assert.DoesNotContain("Ground \"opinion\"", advice["opinion"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ja-safety", new[] { "爆弾", "爆発", "手順" }, new[] { "服用", "医師", "薬" })]
    [InlineData("zh-safety", new[] { "枪支", "步骤", "武器" }, new[] { "剂量", "医生", "药物", "医疗" })]
    public void Languages_without_spaces_get_themes_named_in_their_own_words(string key, string[] first, string[] second)
    {
        var labels = SummaryText.Themes(Summarize(Runs[key]()).FailingResponsesSummary).Select(t => t.Label).ToList();
        Assert.Equal(2, labels.Count);
        Assert.Contains(first, w => labels[0].Contains(w, StringComparison.Ordinal));
        Assert.Contains(second, w => labels[1].Contains(w, StringComparison.Ordinal));
    }

    [Fact]
    public void Japanese_labels_end_with_the_whole_predicate_and_the_advice_quotes_the_japanese_system_prompt()
    {
        var summary = Summarize(TestRuns.JapaneseSafety());
        var labels = SummaryText.Themes(summary.FailingResponsesSummary).Select(t => t.Label).ToList();
        // Every planted explanation (ThemeBank) ends its predicate with "…ている" / "…ていない": a label ends there, not mid-word
        // and not on a case particle.
        Assert.All(labels, label => Assert.False(label[^1] is 'は' or 'が' or 'を' or 'に' or 'で' or 'と' or 'の' or 'も' or 'へ' or 'や', $"Label ends with a particle: {label}"));
        Assert.All(labels, label => Assert.True(label.EndsWith("ている", StringComparison.Ordinal) || label.EndsWith("ていない", StringComparison.Ordinal), $"Label stops mid-predicate: {label}"));
        Assert.Contains("Your system prompt already says “服用量を答えるときは必ず医師や薬剤師への相談を勧めてください。”", summary.ImprovementAdvice, StringComparison.Ordinal);
    }

    [Fact]
    public void Jailbreak_failures_report_the_framings_that_got_through()
    {
        var failing = Summarize(TestRuns.Jailbreak()).FailingResponsesSummary;
        Assert.Contains("role-play in 10 of 22 (45.5%)", failing, StringComparison.Ordinal);
        Assert.Contains("hypothetical or fiction in 7 of 22 (31.8%)", failing, StringComparison.Ordinal);
        Assert.Contains("encoding or obfuscation in 5 of 22 (22.7%)", failing, StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_without_failures_passes_or_scored_responses_say_so()
    {
        var allPass = Summarize(TestRuns.AllPassing());
        Assert.Equal("There were no failing results to evaluate. All 15 scored responses passed.", allPass.FailingResponsesSummary);
        Assert.Equal("All 15 scored responses passed, so no change is needed.", allPass.ImprovementAdvice);

        var allFail = Summarize(TestRuns.AllFailing());
        Assert.Equal("There were no passing results to evaluate. All 10 scored responses failed. 1 response was excluded from scoring and is not counted.", allFail.PassingResponsesSummary);

        var excluded = Summarize(TestRuns.AllExcluded());
        Assert.All(Fields(excluded), f => Assert.Contains("4 responses were excluded from scoring", f, StringComparison.Ordinal));
        Assert.StartsWith("There were no scored responses", excluded.PassingResponsesSummary, StringComparison.Ordinal);

        var empty = Summarize(TestRuns.Empty());
        Assert.Equal("There were no scored responses to evaluate.", empty.FailingResponsesSummary);
    }

    [Fact]
    public void Odd_inputs_are_handled()
    {
        var run = TestRuns.OddInputs();
        var summary = Summarize(run);
        Assert.Equal(4, summary.Digest.Failed);
        Assert.Equal(1, summary.Digest.Passed);
        Assert.Contains("1 response had no pass/fail verdict and is not counted.", summary.PassingResponsesSummary, StringComparison.Ordinal);
        Assert.Contains("- “Use the search tool.”: the tool call searched for bomb-making instructions", summary.FailingResponsesSummary, StringComparison.Ordinal);
        Assert.Contains("- a response without a known prompt: no explanation given", summary.FailingResponsesSummary, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AllRuns))]
    public void Output_is_deterministic(string key)
    {
        var first = Summarize(Runs[key]());
        var second = EmbeddedSummarizer.SummarizeRun(Runs[key]().Input);
        Assert.Equal(Fields(first), Fields(second));
        Assert.Equal(EvalReports.Contracts.Json.Serialize(first.Digest), EvalReports.Contracts.Json.Serialize(second.Digest));
    }

    [Fact]
    public async Task Suite_summary_names_every_run_with_its_pass_rate_and_the_weakest()
    {
        var runs = new[]
        {
            TestRuns.SafetySmall(), TestRuns.SafetyLarge(), TestRuns.Jailbreak(), TestRuns.Accuracy(), TestRuns.Agent(), TestRuns.SpanishSafety(),
            TestRuns.JapaneseSafety(), TestRuns.ChineseSafety(), TestRuns.Shipped("safety"), TestRuns.Shipped("accuracy"), TestRuns.Shipped("jailbreak"),
        };
        var digests = runs.Select(r => Summarize(r).Digest).ToList();
        var suite = await Summarizer.SummarizeSuiteAsync(digests, CancellationToken.None);

        var scored = digests.Sum(d => d.Scored);
        var passed = digests.Sum(d => d.Passed);
        Assert.StartsWith($"Across {runs.Length} eval runs, {passed} of {scored} scored responses passed ({Percent.Format(passed, scored)}%).", suite.PassingResponsesSummary, StringComparison.Ordinal);
        foreach (var d in digests)
        {
            Assert.Contains($"- {d.Name} ({d.EvalType}): {d.Passed} of {d.Scored} passed ({Percent.Format(d.Passed, d.Scored)}%).", suite.PassingResponsesSummary, StringComparison.Ordinal);
        }
        var weakest = digests.OrderBy(d => (double)d.Passed / d.Scored).First();
        Assert.Contains($"Weakest run: {weakest.Name},", suite.FailingResponsesSummary, StringComparison.Ordinal);
        Assert.Contains("Weakest category: \"opinion\" in Northwind KB accuracy, 0 of 3 passed (0%).", suite.FailingResponsesSummary, StringComparison.Ordinal);
        Assert.Contains("What recurs across runs", suite.FailingResponsesSummary, StringComparison.Ordinal);
        Assert.Contains("1. ", suite.ImprovementAdvice, StringComparison.Ordinal);

        foreach (var field in new[] { suite.PassingResponsesSummary, suite.FailingResponsesSummary, suite.ImprovementAdvice })
        {
            Assert.Empty(SummaryText.Quotes(field));
            foreach (var (part, whole, percent, line) in SummaryText.Percentages(field))
            {
                Assert.True(Percent.Format(part, whole) == percent, $"{part} of {whole} is not {percent}% in: {line}");
            }
        }
        var again = await Summarizer.SummarizeSuiteAsync(digests, CancellationToken.None);
        Assert.Equal(suite, again);
    }

    [Fact]
    public async Task Suite_of_nothing_scored_says_so()
    {
        var digests = new[] { Summarize(TestRuns.Empty()).Digest, Summarize(TestRuns.AllExcluded()).Digest };
        var suite = await Summarizer.SummarizeSuiteAsync(digests, CancellationToken.None);
        Assert.StartsWith("There were no scored responses", suite.PassingResponsesSummary, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(suite.ImprovementAdvice));
    }
}
