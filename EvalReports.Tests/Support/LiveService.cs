using System.Text;
using System.Text.Json.Nodes;
using EvalReports.Summaries;
using Microsoft.DurableTask.Testing;

namespace EvalReports.Tests.Support;

/// <summary>
/// The whole service on 127.0.0.1: real HTTP (<see cref="FunctionsHttpHost"/>) → the app's functions → real Durable
/// orchestration in-process → Table Storage. Requests are sent byte for byte with <see cref="RawHttp"/>.
/// </summary>
public sealed class LiveService : IAsyncDisposable
{
    private LiveService(TestApp app, DurableTaskTestHost durable, FunctionsHttpHost http)
    {
        App = app;
        Durable = durable;
        Http = http;
    }

    public TestApp App { get; }

    public DurableTaskTestHost Durable { get; }

    public FunctionsHttpHost Http { get; }

    public static async Task<LiveService> StartAsync(
        EvalReportsSettings settings, ISummarizer? summarizer = null, IActivityInterceptor? activities = null, Microsoft.Extensions.Logging.ILoggerProvider? logs = null,
        EvalReportsLimits? limits = null)
    {
        var app = new TestApp(settings, summarizer, logs, limits: limits);
        var durable = await InProcessDurable.StartAsync(app, activities);
        var http = await FunctionsHttpHost.StartAsync(app, durable.Client);
        return new LiveService(app, durable, http);
    }

    public Task<RawResponse> SendAsync(string method, string target, string? apiKey = TestKeys.DevKey, string? body = null) =>
        RawHttp.SendAsync(
            Http.Port, method, target, apiKey is null ? [] : [("x-api-key", apiKey)], body is null ? null : Encoding.UTF8.GetBytes(body));

    public async Task<string> ImportRunAsync(JsonObject run, string apiKey = TestKeys.DevKey)
    {
        var response = await SendAsync("POST", "/v2/eval-runs", apiKey, run.ToJsonString());
        Assert.True(response.Status == 201, $"import: {response.Status} {response.Body}");
        return response.Json!["eval_run_uuid"]!.GetValue<string>();
    }

    public async Task<string> CreateReportAsync(IEnumerable<string> runUuids, string apiKey = TestKeys.DevKey)
    {
        var body = new JsonObject { ["eval_run_uuids"] = new JsonArray(runUuids.Select(id => (JsonNode?)id).ToArray()) };
        var response = await SendAsync("POST", "/v2/eval-reports", apiKey, body.ToJsonString());
        Assert.True(response.Status == 200, $"create report: {response.Status} {response.Body}");
        return response.Json!["eval_suite_report_uuid"]!.GetValue<string>();
    }

    /// <summary>Issues a key through the admin endpoint; returns (key id, key).</summary>
    public async Task<(string KeyId, string Key)> IssueKeyAsync(string workspace)
    {
        var response = await SendAsync("POST", "/v2/admin/api-keys", null, new JsonObject { ["workspace_uuid"] = workspace, ["name"] = "test" }.ToJsonString());
        Assert.True(response.Status == 201, $"issue key: {response.Status} {response.Body}");
        return (response.Json!["key_id"]!.GetValue<string>(), response.Json["api_key"]!.GetValue<string>());
    }

    /// <summary>Polls GET until the report is finished or failed, as a user would.</summary>
    public async Task<JsonNode> WaitForReportAsync(string reportUuid, TimeSpan timeout, string apiKey = TestKeys.DevKey)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var response = await SendAsync("GET", $"/v2/eval-reports/{reportUuid}", apiKey);
            if (response.Status == 503 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500); // storage is (still) unreachable: a client tries again, as the 503 asks
                continue;
            }

            Assert.True(response.Status == 200, $"get report: {response.Status} {response.Body}");
            var status = response.Json!["status"]!.GetValue<string>();
            if (status is "finished" or "failed")
            {
                return response.Json;
            }

            Assert.True(DateTime.UtcNow < deadline, $"report {reportUuid} still {status} after {timeout}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Http.DisposeAsync();
        await Durable.DisposeAsync();
        App.Dispose();
    }
}
