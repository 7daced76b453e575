using EvalReports.Summaries.Llm;

namespace EvalReports.Tests.Summaries.Llm;

/// <summary>Runs too large for one call: map calls over chunks within the token budget, then one final call.</summary>
public sealed class MapReduceTests
{
    private const int Budget = 6_000;

    private static int Tokens(FakeChatClient.Request request) =>
        TokenCounter.Count(request.Messages) + (request.Options?.MaxOutputTokens ?? 0);

    [Fact]
    public async Task A_run_over_the_budget_is_mapped_in_chunks_that_each_fit_then_reduced()
    {
        var input = LlmRuns.Safety(passed: 30, failed: 30, padding: 80);
        var model = new FakeChatClient(r => ScriptedModel.Answer(r.System, r.User));
        var options = LlmSummarizerTests.Fast with { ContextTokens = Budget, MaxMapCalls = 8, Concurrency = 3 };
        var (summarizer, _) = LlmSummarizerTests.Create(model, options);

        var summary = await summarizer.SummarizeRunAsync(input, CancellationToken.None);

        Assert.Equal("llm", summary.Summarizer);
        Assert.StartsWith("30 of 60 scored responses passed (50%).", summary.PassingResponsesSummary);
        var maps = model.Requests.Where(r => ScriptedModel.IsMapRequest(r.System)).ToList();
        var finals = model.Requests.Where(r => !ScriptedModel.IsMapRequest(r.System)).ToList();
        Assert.InRange(maps.Count, 2, options.MaxMapCalls);
        Assert.Single(finals);
        Assert.All(model.Requests, r => Assert.True(Tokens(r) <= Budget, $"a request needs {Tokens(r)} tokens"));

        // Every scored response went to exactly one map call (all fit in 8 chunks), none to the final call.
        var items = maps.SelectMany(r => System.Text.RegularExpressions.Regex.Matches(r.User, "\"item\":(\\d+)").Select(m => int.Parse(m.Groups[1].Value))).ToList();
        Assert.Equal(Enumerable.Range(1, 60), items.Order());
        Assert.DoesNotContain("\"item\":", finals[0].User);
        Assert.Equal(maps.Count, finals[0].User.Split("\"notes\":").Length - 1);
        Assert.Contains($"notes that other calls wrote about 60 of the 60 scored responses", finals[0].User);
        Assert.InRange(model.MaxInFlight, 1, options.Concurrency);
    }

    [Fact]
    public async Task When_even_the_most_map_calls_cannot_hold_the_run_an_even_sample_favoring_failures_is_sent()
    {
        var input = LlmRuns.Safety(passed: 150, failed: 50, padding: 40);
        var model = new FakeChatClient(r => ScriptedModel.Answer(r.System, r.User));
        var options = LlmSummarizerTests.Fast with { ContextTokens = Budget, MaxMapCalls = 2 };
        var (summarizer, _) = LlmSummarizerTests.Create(model, options);

        var summary = await summarizer.SummarizeRunAsync(input, CancellationToken.None);

        Assert.Equal("llm", summary.Summarizer);
        var maps = model.Requests.Where(r => ScriptedModel.IsMapRequest(r.System)).ToList();
        Assert.Equal(2, maps.Count);
        Assert.All(model.Requests, r => Assert.True(Tokens(r) <= Budget));
        var sent = maps.Sum(r => r.User.Split("\"item\":").Length - 1);
        var failing = maps.Sum(r => r.User.Split("\"verdict\":\"failed\"").Length - 1);
        Assert.InRange(sent, 2, 199);
        Assert.True(failing * 2 > sent, $"{failing} failing of {sent} sent");
        var final = model.Requests.Single(r => !ScriptedModel.IsMapRequest(r.System));
        Assert.Contains($"about {sent} of the 200 scored responses", final.User);
    }

    [Fact]
    public async Task A_map_call_that_keeps_failing_sends_the_run_to_embedded_without_a_final_call()
    {
        var input = LlmRuns.Safety(passed: 30, failed: 30, padding: 80);
        var model = new FakeChatClient(r => ScriptedModel.IsMapRequest(r.System) ? "{\"wrong\": 1}" : ScriptedModel.Good(r.User));
        var options = LlmSummarizerTests.Fast with { ContextTokens = Budget, Concurrency = 1 };
        var (summarizer, _) = LlmSummarizerTests.Create(model, options);

        var summary = await summarizer.SummarizeRunAsync(input, CancellationToken.None);

        Assert.Equal("embedded", summary.Summarizer);
        Assert.All(model.Requests, r => Assert.True(ScriptedModel.IsMapRequest(r.System)));
        var parts = int.Parse(System.Text.RegularExpressions.Regex.Match(model.Requests[0].User, @"This is part \d+ of (\d+)\.").Groups[1].Value);
        Assert.True(parts >= 3, $"{parts} parts");
        Assert.True(model.Requests.Count < 2 * parts, $"{model.Requests.Count} requests for {parts} parts: the other parts were not stopped");
    }

    [Fact]
    public void A_single_long_response_is_shortened_before_it_is_counted()
    {
        var input = LlmRuns.Safety(passed: 1, failed: 1, padding: 30_000);
        var items = DataItem.From(input);
        Assert.All(items, item => Assert.True(item.Tokens < 1_000, $"{item.Tokens} tokens"));
        Assert.All(items, item => Assert.Contains("…", item.Line));
    }
}
