using EvalReports.Tests.Support;

namespace EvalReports.Tests.Sdk;

/// <summary>
/// Over real HTTP, routed first-match-by-function-name as the Functions host routes: every /v2 URL no endpoint takes
/// is 404 resource.not_found in the envelope (with x-request-id), a path that exists for other methods is 405 with
/// Allow, and every real route still reaches its own function.
/// </summary>
public sealed class UnmatchedRoutesTests(Azurite azurite) : IClassFixture<Azurite>
{
    public static TheoryData<string, string, string?> Unmatched => new()
    {
        { "GET", "/v2/nope", null },
        { "POST", "/v2/nope/deeper", null },
        { "GET", "/v2/eval-reports/a/b", null },
        { "GET", "/v2/eval-runs/a/b/c", null },
        { "GET", "/v2/evals/a/b", null },
        { "DELETE", "/v2/eval-reports", "GET, POST" },
        { "PATCH", "/v2/eval-reports", "GET, POST" },
        { "PUT", "/v2/eval-reports/some-id", "DELETE, GET" },
        { "POST", "/v2/eval-runs/some-id/responses", "GET" },
        { "DELETE", "/v2/evals", "GET" },
        { "GET", "/v2/admin/api-keys", "POST" },
        { "PATCH", "/v2/admin/workspaces/ws/quota", "GET, PUT" },
    };

    [Theory]
    [MemberData(nameof(Unmatched))]
    public async Task A_v2_request_no_endpoint_takes_gets_the_envelope(string method, string target, string? allow)
    {
        await using var service = await LiveService.StartAsync(azurite.Settings());

        var response = await RawHttp.SendAsync(service.Http.Port, method, target, [("x-api-key", TestKeys.DevKey)], method is "POST" or "PUT" or "PATCH" ? "{}"u8.ToArray() : null);

        Assert.Equal(allow is null ? 404 : 405, response.Status);
        Assert.Equal("resource.not_found", response.Json!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(response.Headers["x-request-id"], response.Json["request_id"]!.GetValue<string>());
        Assert.Equal("false", response.Headers["x-should-retry"]);
        if (allow is not null)
        {
            Assert.Equal(allow, response.Headers["Allow"]);
        }
    }

    [Fact]
    public async Task Every_real_route_still_reaches_its_own_function()
    {
        await using var service = await LiveService.StartAsync(azurite.Settings());
        var run = await service.ImportRunAsync(SampleRuns.Safety("route-" + Guid.NewGuid().ToString("N"), 2, 1));

        Assert.Equal(200, (await service.SendAsync("GET", "/v2/eval-reports")).Status);
        Assert.Equal(200, (await service.SendAsync("GET", "/V2/EVAL-RUNS")).Status);
        Assert.Equal(200, (await service.SendAsync("GET", $"/v2/eval-runs/{run}")).Status);
        Assert.Equal(200, (await service.SendAsync("GET", $"/v2/eval-runs/{run}/responses")).Status);
        Assert.Equal(200, (await service.SendAsync("GET", "/v2/evals/eval-safety")).Status);
        Assert.Equal(200, (await service.SendAsync("GET", "/v2/admin/workspaces/ws-x/quota", null)).Status);
        var unknownReport = await service.SendAsync("GET", "/v2/eval-reports/no-such-report");
        Assert.Equal(404, unknownReport.Status);
        Assert.Equal("Eval suite report not found.", unknownReport.Json!["error"]!["message"]!.GetValue<string>());
    }
}
