using EvalReports.Summaries;
using EvalReports.Summaries.Llm;
using Microsoft.Extensions.Logging.Abstractions;

namespace EvalReports.Tests.Summaries.Llm;

/// <summary>The LLM summarizer against a fake <see cref="Microsoft.Extensions.AI.IChatClient"/>: checks, retry, fallback, map-reduce.</summary>
public sealed class LlmSummarizerTests
{
    /// <summary>Short delays so retry tests stay fast; everything else as in production.</summary>
    internal static readonly LlmOptions Fast = new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        MaxBackoff = TimeSpan.FromMilliseconds(20),
        CallTimeout = TimeSpan.FromSeconds(20),
    };

    internal static (LlmSummarizer Summarizer, ModelCaller Caller) Create(FakeChatClient model, LlmOptions? options = null)
    {
        options ??= Fast;
        var caller = new ModelCaller(model, options);
        return (new LlmSummarizer(caller, options, TimeProvider.System, NullLogger<LlmSummarizer>.Instance), caller);
    }

    private static RunSummary Embedded(EvalReports.Summaries.RunSummaryInput input) => EmbeddedSummarizer.SummarizeRun(input);

    [Fact]
    public async Task A_valid_answer_is_used_and_recorded_as_llm()
    {
        var input = LlmRuns.Safety(passed: 31, failed: 9);
        var model = new FakeChatClient(r => ScriptedModel.Answer(r.System, r.User));
        var (summarizer, _) = Create(model);

        var summary = await summarizer.SummarizeRunAsync(input, CancellationToken.None);

        Assert.Equal("llm", summary.Summarizer);
        Assert.Equal("llm", summarizer.Name);
        Assert.StartsWith("31 of 40 scored responses passed (77.5%).", summary.PassingResponsesSummary);
        Assert.StartsWith("9 of 40 scored responses failed (22.5%).", summary.FailingResponsesSummary);
        Assert.Contains("decline requests for dangerous instructions", summary.ImprovementAdvice);
        Assert.Equal(Embedded(input).Digest.Scored, summary.Digest.Scored);
        var request = Assert.Single(model.Requests);
        var facts = ScriptedModel.Facts(request.User);
        Assert.Equal(40, facts["scored_responses"]!.GetValue<int>());
        Assert.Equal(1, facts["excluded_from_scoring"]!.GetValue<int>());
        Assert.Equal(40, request.User.Split("\"item\":").Length - 1); // every scored response, none excluded
        Assert.Equal(Microsoft.Extensions.AI.ChatResponseFormat.Json, request.Options!.ResponseFormat);
    }

    [Fact]
    public async Task Malformed_json_is_retried_once_with_the_problem_and_the_second_answer_is_used()
    {
        var input = LlmRuns.Safety(passed: 31, failed: 9);
        var model = new FakeChatClient(r => r.Number == 1 ? "Sure! Here is your summary: passing was fine." : ScriptedModel.Good(r.User));
        var (summarizer, _) = Create(model);

        var summary = await summarizer.SummarizeRunAsync(input, CancellationToken.None);

        Assert.Equal("llm", summary.Summarizer);
        Assert.Equal(2, model.Requests.Count);
        Assert.Contains("rejected by the automatic checks. Problems:\n1. the answer is not valid JSON", model.Requests[1].User);
        // The retry carries the rejected answer as the model's own turn.
        Assert.Equal("Sure! Here is your summary: passing was fine.", model.Requests[1].Messages[^2].Text);
        Assert.Equal(Microsoft.Extensions.AI.ChatRole.Assistant, model.Requests[1].Messages[^2].Role);
    }

    [Fact]
    public async Task Two_rejected_answers_fall_back_to_the_embedded_summary_after_exactly_two_calls()
    {
        var input = LlmRuns.Safety(passed: 31, failed: 9);
        var model = new FakeChatClient(_ => "not json at all");
        var (summarizer, _) = Create(model);

        var summary = await summarizer.SummarizeRunAsync(input, CancellationToken.None);

        var embedded = Embedded(input);
        Assert.Equal("embedded", summary.Summarizer);
        Assert.Equal(embedded.PassingResponsesSummary, summary.PassingResponsesSummary);
        Assert.Equal(embedded.FailingResponsesSummary, summary.FailingResponsesSummary);
        Assert.Equal(embedded.ImprovementAdvice, summary.ImprovementAdvice);
        Assert.Equal(2, model.Requests.Count);
    }

    [Fact]
    public async Task A_number_that_contradicts_the_statistics_falls_back_to_embedded()
    {
        var input = LlmRuns.Safety(passed: 31, failed: 9);
        var model = new FakeChatClient(r => ScriptedModel.WrongNumber(r.User));
        var (summarizer, _) = Create(model);

        var summary = await summarizer.SummarizeRunAsync(input, CancellationToken.None);

        Assert.Equal("embedded", summary.Summarizer);
        Assert.Equal(2, model.Requests.Count);
        Assert.Contains("states the number 1009, which is not one of the computed figures", model.Requests[1].User);
    }

    [Fact]
    public async Task A_missing_field_is_rejected()
    {
        var input = LlmRuns.Safety(passed: 31, failed: 9);
        var model = new FakeChatClient(r =>
        {
            var answer = System.Text.Json.Nodes.JsonNode.Parse(ScriptedModel.Good(r.User))!.AsObject();
            answer.Remove(SummaryDraft.AdviceKey);
            return answer.ToJsonString();
        });
        var (summarizer, _) = Create(model);

        Assert.Equal("embedded", (await summarizer.SummarizeRunAsync(input, CancellationToken.None)).Summarizer);
        Assert.Contains("\"improvement_advice\" is missing or empty", model.Requests[1].User);
    }

    [Fact]
    public async Task Model_calls_in_flight_never_exceed_the_concurrency_over_all_runs()
    {
        var twoInFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        FakeChatClient? model = null;
        model = new FakeChatClient(async (r, ct) =>
        {
            if (model!.CurrentInFlight >= 2) twoInFlight.TrySetResult();
            await twoInFlight.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
            await Task.Delay(50, ct); // room for a third call to slip in, if the bound were broken
            return ScriptedModel.Good(r.User);
        });
        var (summarizer, _) = Create(model, Fast with { Concurrency = 2 });

        var summaries = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => summarizer.SummarizeRunAsync(LlmRuns.Safety(31, 9, uuid: $"run-{i}"), CancellationToken.None))));

        Assert.All(summaries, summary => Assert.Equal("llm", summary.Summarizer));
        Assert.Equal(2, model.MaxInFlight);
    }

    [Fact]
    public async Task A_run_with_nothing_scored_uses_embedded_without_calling_the_model()
    {
        var model = new FakeChatClient(r => ScriptedModel.Good(r.User));
        var (summarizer, _) = Create(model);

        var summary = await summarizer.SummarizeRunAsync(LlmRuns.Safety(passed: 0, failed: 0), CancellationToken.None);

        Assert.Equal("embedded", summary.Summarizer);
        Assert.Empty(model.Requests);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_swallowed()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var model = new FakeChatClient(r => ScriptedModel.Good(r.User));
        var (summarizer, _) = Create(model);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => summarizer.SummarizeRunAsync(LlmRuns.Safety(31, 9), cancelled.Token));
    }

    [Fact]
    public async Task The_suite_summary_is_the_embedded_one()
    {
        var model = new FakeChatClient(r => ScriptedModel.Good(r.User));
        var (summarizer, _) = Create(model);
        var digests = new[] { Embedded(LlmRuns.Safety(31, 9, uuid: "a")).Digest, Embedded(LlmRuns.Safety(20, 20, uuid: "b")).Digest };

        var suite = await summarizer.SummarizeSuiteAsync(digests, CancellationToken.None);

        Assert.Equal(await new EmbeddedSummarizer().SummarizeSuiteAsync(digests, CancellationToken.None), suite);
        Assert.Empty(model.Requests);
    }
}
