using System.Text.Json.Nodes;
using EvalReports.Tests.Support;
using Microsoft.DurableTask.Client;

namespace EvalReports.Tests.EndToEnd;

/// <summary>Calls the report endpoints the way the SDK does, through the real function adapters.</summary>
internal sealed class ReportClient(TestApp app, DurableTaskClient durable, string apiKey = TestKeys.DevKey)
{
    public async Task<Response> CreateAsync(params string[] runUuids)
    {
        var body = new JsonObject { ["eval_run_uuids"] = new JsonArray(runUuids.Select(id => (JsonNode)id).ToArray()) }.ToJsonString();
        var request = HttpCall.Request("POST", "/v2/eval-reports", body, apiKey);
        return HttpCall.Read(request, await app.Reports.Create(request, durable));
    }

    public async Task<Response> GetAsync(string id, string? query = null)
    {
        var request = HttpCall.Request("GET", $"/v2/eval-reports/{id}", apiKey: apiKey, query: query);
        return HttpCall.Read(request, await app.Reports.Get(request, id, durable));
    }

    public async Task<Response> ListAsync(string? query = null)
    {
        var request = HttpCall.Request("GET", "/v2/eval-reports", apiKey: apiKey, query: query);
        return HttpCall.Read(request, await app.Reports.List(request, durable));
    }

    public async Task<Response> DeleteAsync(string id)
    {
        var request = HttpCall.Request("DELETE", $"/v2/eval-reports/{id}", apiKey: apiKey);
        return HttpCall.Read(request, await app.Reports.Delete(request, id, durable));
    }

    /// <summary>Polls GET until the report is finished or failed, as a user would.</summary>
    public async Task<JsonNode> WaitAsync(string id, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var response = await GetAsync(id);
            Assert.Equal(200, response.Status);
            var status = response.Body!["status"]!.GetValue<string>();
            if (status is "finished" or "failed")
            {
                return response.Body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"report {id} still {status}");
            await Task.Delay(100);
        }
    }
}
