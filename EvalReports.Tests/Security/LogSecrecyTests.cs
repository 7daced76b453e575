using EvalReports.Summaries;
using EvalReports.Tests.EndToEnd;
using EvalReports.Tests.Support;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Moq;

namespace EvalReports.Tests.Security;

/// <summary>
/// Everything the app and the Durable host log, at every level, while keys are issued, used and abused, content
/// is imported and summarized, and things fail: no key, no key secret and no response content appears.
/// </summary>
public sealed class LogSecrecyTests(Azurite azurite) : IClassFixture<Azurite>
{
    private const string Marker = "QX7-SECRET-CONTENT-MARKER";

    [Fact]
    public async Task No_key_secret_or_response_content_reaches_any_log()
    {
        var logs = new CapturingLoggerProvider();
        using var durableLogs = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        using var app = new TestApp(azurite.Settings(), new MarkerEchoingSummarizer("leaky-"), logs);
        await using var durable = await InProcessDurable.StartAsync(app, logs: durableLogs);

        // An admin issues a key; a caller uses it.
        var issue = HttpCall.Request("POST", "/v2/admin/api-keys", """{"workspace_uuid": "ws-logs", "name": "ci"}""", apiKey: null);
        var key = HttpCall.Read(issue, await app.Keys.Create(issue)).Body!["api_key"]!.GetValue<string>();
        var secret = key[(key.LastIndexOf('_') + 1)..];
        var run = "logs-" + Guid.NewGuid().ToString("N");
        Assert.Equal(201, (await app.ImportAsync(WithMarker(run).ToJsonString(), key)).Status);
        Assert.Equal(201, (await app.ImportAsync(WithMarker("dev-" + run).ToJsonString())).Status);

        // Wrong keys: a tampered secret, a made-up key, the right key in the wrong header count.
        var tampered = key[..^4] + "AAAA";
        (await app.ImportAsync("{}", tampered)).AssertError(401, "auth.invalid_key");
        (await app.ImportAsync("{}", "erk_0123456789abcdef_" + Marker)).AssertError(401, "auth.invalid_key");

        // A report is built and read with its responses.
        var client = new ReportClient(app, durable.Client, key);
        var id = (await client.CreateAsync(run)).Body!["eval_suite_report_uuid"]!.GetValue<string>();
        Assert.Equal("finished", (await client.WaitAsync(id))["status"]!.GetValue<string>());
        Assert.Contains(Marker, (await client.GetAsync(id, "include_responses=true")).Raw);

        // Errors: a rejected import quoting the marker, a start failure whose message quotes it, a failing build.
        var bad = WithMarker("bad-" + run);
        bad["responses"]![0]!["confidence"] = 7;
        (await app.ImportAsync(bad.ToJsonString(), key)).AssertError(422, "validation.invalid_request");
        var broken = new Mock<DurableTaskClient>("broken");
        broken.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(
                It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException($"could not start, input was {Marker} with key {key}"));
        var failedStart = (await new ReportClient(app, broken.Object, key).CreateAsync(run)).AssertError(500, "server.internal_error");
        var leaky = "leaky-" + Guid.NewGuid().ToString("N");
        await app.ImportAsync(WithMarker(leaky).ToJsonString(), key);
        var failedBuild = await client.WaitAsync((await client.CreateAsync(leaky)).Body!["eval_suite_report_uuid"]!.GetValue<string>());

        Assert.Equal("failed", failedBuild["status"]!.GetValue<string>());
        Assert.DoesNotContain(Marker, failedBuild["error"]!.GetValue<string>());
        var entries = logs.Entries.ToList();
        Assert.Contains(entries, e => e.Contains(failedStart.RequestIdHeader) && e.Contains("InvalidOperationException"));
        Assert.Contains(entries, e => e.Contains("BuildRunReport") && e.Contains("InvalidOperationException"));
        foreach (var forbidden in new[] { key, secret, tampered, Marker, TestKeys.DevKey })
        {
            var leaks = entries.Where(e => e.Contains(forbidden, StringComparison.Ordinal)).ToList();
            Assert.True(leaks.Count == 0, $"{leaks.Count} of {entries.Count} log entries contain a secret, e.g.:\n{leaks.FirstOrDefault()}");
        }
    }

    private static System.Text.Json.Nodes.JsonObject WithMarker(string run)
    {
        var body = SampleRuns.Safety(run, 6, 3);
        foreach (var response in body["responses"]!.AsArray())
        {
            response!["content"] = $"{Marker} {response["content"]}";
            response["explanation"] = $"{Marker} {response["explanation"]}";
        }

        foreach (var prompt in body["prompts"]!.AsArray())
        {
            prompt!["content"] = $"{Marker} {prompt["content"]}";
        }

        body["evaluation"]!["ai_instructions"] = $"{Marker} instructions";
        return body;
    }

    /// <summary>The real summarizer, except for some runs, where it fails with a message quoting a response (as a model error might).</summary>
    private sealed class MarkerEchoingSummarizer(string failFor) : ISummarizer
    {
        private readonly EmbeddedSummarizer inner = new();

        public string Name => inner.Name;

        public Task<RunSummary> SummarizeRunAsync(RunSummaryInput input, CancellationToken ct) =>
            input.Run.EvalRunUuid.StartsWith(failFor, StringComparison.Ordinal)
                ? throw new InvalidOperationException($"model rejected the prompt: {input.Responses[0].Content}")
                : inner.SummarizeRunAsync(input, ct);

        public Task<SuiteSummary> SummarizeSuiteAsync(IReadOnlyList<RunDigest> runs, CancellationToken ct) => inner.SummarizeSuiteAsync(runs, ct);
    }
}
