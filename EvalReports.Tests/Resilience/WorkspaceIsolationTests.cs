using System.Text.Json.Nodes;
using EvalReports.Tests.Support;

namespace EvalReports.Tests.Resilience;

/// <summary>
/// Workspace B against workspace A's data, on every endpoint over real HTTP: B can neither read, list, change nor
/// delete it, and cannot even tell it exists — B gets the same status and the same body (but the request id) for A's
/// ids as for ids that exist nowhere. (ApiKeysAndIsolationTests covers the report endpoints in-process.)
/// </summary>
public sealed class WorkspaceIsolationTests(Azurite azurite) : IClassFixture<Azurite>
{
    [Fact]
    public async Task Another_workspace_cannot_read_list_delete_or_detect_anything_on_any_endpoint()
    {
        var workspaceA = "ws-a-" + Guid.NewGuid().ToString("N")[..8];
        var workspaceB = "ws-b-" + Guid.NewGuid().ToString("N")[..8];
        await using var service = await LiveService.StartAsync(azurite.Settings(s => s with { DevWorkspaceUuid = workspaceA }));
        var (_, keyB) = await service.IssueKeyAsync(workspaceB);
        var run = await service.ImportRunAsync(SampleRuns.Safety("iso-run-" + Guid.NewGuid().ToString("N")[..8], 4, 3, evalType: "safety"));
        var report = await service.CreateReportAsync([run]);
        await service.WaitForReportAsync(report, TimeSpan.FromSeconds(60));
        var listA = (await service.SendAsync("GET", "/v2/eval-reports")).Body;
        var runsA = (await service.SendAsync("GET", "/v2/eval-runs")).Body;
        var before = await azurite.ContentSnapshotAsync();
        const string nowhere = "exists-nowhere-0000";

        async Task SameAsNothing(string method, string targetOfA, string targetOfNothing, int status, string? bodyOfA = null, string? bodyOfNothing = null)
        {
            var ofA = await service.SendAsync(method, targetOfA, keyB, bodyOfA);
            var ofNothing = await service.SendAsync(method, targetOfNothing, keyB, bodyOfNothing);
            Assert.True(ofA.Status == status, $"{method} {targetOfA}: {ofA.Status} {ofA.Body}");
            Assert.Equal(ofNothing.Status, ofA.Status);
            Assert.Equal(WithoutRequestId(ofNothing.Body), WithoutRequestId(ofA.Body));
        }

        await SameAsNothing("GET", $"/v2/eval-reports/{report}", $"/v2/eval-reports/{nowhere}", 404);
        await SameAsNothing("GET", $"/v2/eval-reports/{report}?include_responses=true", $"/v2/eval-reports/{nowhere}?include_responses=true", 404);
        await SameAsNothing("DELETE", $"/v2/eval-reports/{report}", $"/v2/eval-reports/{nowhere}", 404);
        await SameAsNothing("GET", $"/v2/eval-runs/{run}", $"/v2/eval-runs/{nowhere}", 404);
        await SameAsNothing("GET", $"/v2/eval-runs/{run}/responses", $"/v2/eval-runs/{nowhere}/responses", 404);
        await SameAsNothing("GET", $"/v2/eval-runs/{run}/responses?limit=1&offset=1", $"/v2/eval-runs/{nowhere}/responses?limit=1&offset=1", 404);
        await SameAsNothing("DELETE", $"/v2/eval-runs/{run}", $"/v2/eval-runs/{nowhere}", 404);

        // A report over A's run: 404 naming the run as missing, exactly as for a run that does not exist.
        var overA = await service.SendAsync("POST", "/v2/eval-reports", keyB, Body(run));
        var overNothing = await service.SendAsync("POST", "/v2/eval-reports", keyB, Body(nowhere));
        Assert.Equal(404, overA.Status);
        Assert.Equal([run], overA.Json!["error"]!["details"]!["missing_eval_run_uuids"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(WithoutRequestId(overNothing.Body).Replace(nowhere, run), WithoutRequestId(overA.Body));

        // Naming A's workspace is refused exactly like naming a workspace that does not exist, on every endpoint.
        foreach (var (method, target, body) in new (string, string, string?)[]
        {
            ("POST", "/v2/eval-reports", Body(run)), ("GET", $"/v2/eval-reports/{report}", null), ("GET", "/v2/eval-reports", null),
            ("DELETE", $"/v2/eval-reports/{report}", null), ("POST", "/v2/eval-runs", SampleRuns.Safety("b-into-a", 2, 1).ToJsonString()),
            ("GET", $"/v2/eval-runs/{run}", null), ("GET", "/v2/eval-runs", null), ("GET", $"/v2/eval-runs/{run}/responses", null),
            ("DELETE", $"/v2/eval-runs/{run}", null),
        })
        {
            var join = target.Contains('?') ? "&" : "?";
            await SameAsNothing(method, $"{target}{join}workspace_uuid={workspaceA}", $"{target}{join}workspace_uuid=ws-nobody", 403, body, body);
        }

        // Lists: B sees nothing of A, whatever the filter or page; A's lists are unchanged.
        foreach (var target in new[] { "/v2/eval-reports", "/v2/eval-reports?limit=100&offset=0", "/v2/eval-runs", "/v2/eval-runs?eval_uuid=eval-safety" })
        {
            var list = (await service.SendAsync("GET", target, keyB)).Json!;
            Assert.Equal(0, list["count"]!.GetValue<int>());
            Assert.Empty(list["items"]!.AsArray());
        }

        Assert.Equal(before, await azurite.ContentSnapshotAsync());
        Assert.Equal(listA, (await service.SendAsync("GET", "/v2/eval-reports")).Body);
        Assert.Equal(runsA, (await service.SendAsync("GET", "/v2/eval-runs")).Body);

        // B may import a run with the same uuid as A's (no 409 that would reveal A's), and deleting it leaves A's alone.
        var copy = SampleRuns.Safety(run, 2, 2);
        Assert.Equal(201, (await service.SendAsync("POST", "/v2/eval-runs", keyB, copy.ToJsonString())).Status);
        Assert.Equal(204, (await service.SendAsync("DELETE", $"/v2/eval-runs/{run}", keyB)).Status);
        Assert.Equal(before, await azurite.ContentSnapshotAsync());
        Assert.Equal(200, (await service.SendAsync("GET", $"/v2/eval-runs/{run}/responses")).Status);
    }

    private static string Body(string runUuid) => new JsonObject { ["eval_run_uuids"] = new JsonArray(runUuid) }.ToJsonString();

    private static string WithoutRequestId(string body)
    {
        if (body.Length == 0)
        {
            return body;
        }

        var json = JsonNode.Parse(body)!.AsObject();
        json.Remove("request_id");
        return json.ToJsonString();
    }
}
