using EvalReports.Tests.EndToEnd;
using EvalReports.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EvalReports.Tests.Http;

/// <summary>Keys issued by the admin endpoint: hashed at rest, expiring, revocable, and confined to their workspace.</summary>
public sealed class ApiKeysAndIsolationTests(Azurite azurite) : IClassFixture<Azurite>
{
    [Fact]
    public async Task An_issued_key_works_is_never_stored_in_plain_text_and_stops_working_when_revoked()
    {
        using var app = new TestApp(azurite.Settings());
        var issued = await IssueAsync(app, "ws-" + Guid.NewGuid().ToString("N"));
        var key = issued.Body!["api_key"]!.GetValue<string>();

        Assert.Equal(201, (await app.ImportAsync(SampleRuns.Safety("k-" + Guid.NewGuid().ToString("N"), 2, 1).ToJsonString(), key)).Status);
        var table = azurite.Service.GetTableClient(azurite.Prefix + "apikeys");
        await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            Assert.DoesNotContain(row.Select(kv => kv.Value), v => v is string s && s.Contains(key[^20..]));
        }

        var keyId = issued.Body["key_id"]!.GetValue<string>();
        var revoke = HttpCall.Request("DELETE", $"/v2/admin/api-keys/{keyId}", apiKey: null);
        Assert.Equal(204, HttpCall.Read(revoke, await app.Keys.Revoke(revoke, keyId)).Status);
        (await app.ImportAsync("{}", key)).AssertError(401, "auth.invalid_key");
    }

    [Fact]
    public async Task An_expired_key_is_401_expired()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new TestApp(azurite.Settings(), clock: clock);
        var issued = await IssueAsync(app, "ws-exp", DateTimeOffset.UtcNow.AddHours(1));
        clock.Advance(TimeSpan.FromHours(2));

        (await app.ImportAsync("{}", issued.Body!["api_key"]!.GetValue<string>())).AssertError(401, "auth.expired_key");
    }

    [Fact]
    public async Task A_second_workspace_can_neither_read_list_delete_nor_use_the_first_workspaces_data()
    {
        using var app = new TestApp(azurite.Settings(s => s with { DevWorkspaceUuid = "ws-a-" + Guid.NewGuid().ToString("N") }));
        await using var durable = await InProcessDurable.StartAsync(app);
        var otherKey = (await IssueAsync(app, "ws-b-" + Guid.NewGuid().ToString("N"))).Body!["api_key"]!.GetValue<string>();
        var owner = new ReportClient(app, durable.Client);
        var other = new ReportClient(app, durable.Client, otherKey);
        var run = "iso-" + Guid.NewGuid().ToString("N");
        await app.ImportAsync(SampleRuns.Safety(run, 3, 2).ToJsonString());
        var id = (await owner.CreateAsync(run)).Body!["eval_suite_report_uuid"]!.GetValue<string>();
        await owner.WaitAsync(id);

        (await other.GetAsync(id)).AssertError(404, "resource.not_found");
        (await other.DeleteAsync(id)).AssertError(404, "resource.not_found");
        Assert.Equal(0, (await other.ListAsync()).Body!["count"]!.GetValue<int>());
        (await other.CreateAsync(run)).AssertError(404, "resource.not_found");
        var getRun = HttpCall.Request("GET", $"/v2/eval-runs/{run}", apiKey: otherKey);
        HttpCall.Read(getRun, await app.Runs.Get(getRun, run)).AssertError(404, "resource.not_found");
        var deleteRun = HttpCall.Request("DELETE", $"/v2/eval-runs/{run}", apiKey: otherKey);
        HttpCall.Read(deleteRun, await app.Runs.Delete(deleteRun, run)).AssertError(404, "resource.not_found");
        Assert.Equal("finished", (await owner.GetAsync(id)).Body!["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"name": "no workspace"}""", 422)]
    [InlineData("""{"workspace_uuid": "ws", "expires_at": "2001-01-01T00:00:00Z"}""", 422)]
    [InlineData("""{"workspace_uuid": "bad id!"}""", 422)]
    [InlineData("nope", 400)]
    public async Task Bad_key_requests_are_rejected(string body, int status)
    {
        using var app = new TestApp(azurite.Settings());
        var request = HttpCall.Request("POST", "/v2/admin/api-keys", body, apiKey: null);
        Assert.Equal(status, HttpCall.Read(request, await app.Keys.Create(request)).Status);
    }

    private static async Task<Response> IssueAsync(TestApp app, string workspace, DateTimeOffset? expiresAt = null)
    {
        var body = new System.Text.Json.Nodes.JsonObject { ["workspace_uuid"] = workspace, ["name"] = "ci", ["expires_at"] = expiresAt }.ToJsonString();
        var request = HttpCall.Request("POST", "/v2/admin/api-keys", body, apiKey: null);
        var response = HttpCall.Read(request, await app.Keys.Create(request));
        Assert.Equal(201, response.Status);
        Assert.StartsWith("erk_", response.Body!["api_key"]!.GetValue<string>());
        return response;
    }
}
