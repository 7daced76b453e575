using System.Text.Json.Nodes;
using EvalReports.Tests.Support;

namespace EvalReports.Tests.Http;

/// <summary>/v2/eval-runs through the real adapters and real Azurite.</summary>
public sealed class EvalRunsTests(Azurite azurite) : IClassFixture<Azurite>
{
    [Fact]
    public async Task Import_computes_the_stats_and_the_run_reads_back_the_same()
    {
        using var app = new TestApp(azurite.Settings());
        var run = SampleRuns.Safety("imp-" + Guid.NewGuid().ToString("N"), 10, 7);
        run["responses"]!.AsArray().Add(new JsonObject { ["prompt_uuid"] = "extra", ["exclude_from_scoring"] = true, ["content"] = "n/a" });

        var created = await app.ImportAsync(run.ToJsonString());

        Assert.Equal(201, created.Status);
        Assert.Equal(0.7, created.Body!["pass_rate"]!.GetValue<double>(), 10);
        Assert.Equal(10, created.Body["num_responses_scored"]!.GetValue<int>());
        Assert.Equal(10, created.Body["num_prompts"]!.GetValue<int>());
        Assert.Equal("finished", created.Body["status"]!.GetValue<string>());
        Assert.Equal(TestKeys.DevWorkspace, created.Body["workspace_uuid"]!.GetValue<string>());
        var id = created.Body["eval_run_uuid"]!.GetValue<string>();
        var read = await CallAsync(app, "GET", $"/v2/eval-runs/{id}", (r, a) => a.Runs.Get(r, id));
        Assert.Equal(created.Raw, read.Raw);
    }

    [Fact]
    public async Task A_run_without_an_id_gets_one_and_importing_the_same_id_twice_is_409()
    {
        using var app = new TestApp(azurite.Settings());
        var run = SampleRuns.Safety("x", 2, 1);
        run.Remove("eval_run_uuid");
        var first = await app.ImportAsync(run.ToJsonString());
        Assert.True(Guid.TryParse(first.Body!["eval_run_uuid"]!.GetValue<string>(), out _));

        run["eval_run_uuid"] = first.Body["eval_run_uuid"]!.GetValue<string>();
        var before = await azurite.SnapshotAsync();
        (await app.ImportAsync(run.ToJsonString())).AssertError(409, "resource.conflict");
        Assert.Equal(before, await azurite.SnapshotAsync());
    }

    [Theory]
    [InlineData("""{"eval_run_uuid": "a"}""", "eval_uuid")]
    [InlineData("""{"eval_uuid": "e", "responses": [{"prompt_uuid": "p", "is_passed": true}, {"prompt_uuid": "q"}]}""", "responses[1].is_passed")]
    [InlineData("""{"eval_uuid": "e", "responses": [{"is_passed": true}]}""", "responses[0].prompt_uuid")]
    [InlineData("""{"eval_uuid": "e", "responses": [{"prompt_uuid": "p", "is_passed": "yes"}]}""", "responses[0].is_passed")]
    [InlineData("""{"eval_uuid": "e", "eval_run_uuid": "a/b"}""", "eval_run_uuid")]
    [InlineData("""{"eval_uuid": "e", "responses": [{"prompt_uuid": "p", "is_passed": true, "confidence": 3}]}""", "responses[0].confidence")]
    public async Task Invalid_imports_are_422_naming_the_field_and_store_nothing(string body, string field)
    {
        using var app = new TestApp(azurite.Settings());
        var before = await azurite.SnapshotAsync();

        var response = (await app.ImportAsync(body)).AssertError(422, "validation.invalid_request");

        Assert.Equal(field, response.Body!["error"]!["details"]!["field"]!.GetValue<string>());
        Assert.Equal(before, await azurite.SnapshotAsync());
    }

    [Fact]
    public async Task A_run_with_thousands_of_responses_and_texts_far_beyond_one_property_imports_whole()
    {
        using var app = new TestApp(azurite.Settings());
        var id = "big-" + Guid.NewGuid().ToString("N");
        var run = SampleRuns.Safety(id, 2500, 1800);
        var huge = string.Concat(Enumerable.Range(0, 30_000).Select(i => $"w{i} ")) + "🙂 end";
        run["responses"]![1234]!["content"] = huge;
        run["responses"]![1234]!["explanation"] = huge[..70_000];

        Assert.Equal(201, (await app.ImportAsync(run.ToJsonString())).Status);

        var page = await CallAsync(app, "GET", $"/v2/eval-runs/{id}/responses", (r, a) => a.Runs.ListResponses(r, id), "limit=100&offset=1200");
        Assert.Equal(2500, page.Body!["count"]!.GetValue<int>());
        var items = page.Body["items"]!.AsArray();
        Assert.Equal(100, items.Count);
        Assert.Equal($"{id}.r1200", items[0]!["response_uuid"]!.GetValue<string>());
        Assert.Equal(huge, items[34]!["content"]!.GetValue<string>());
        Assert.Equal(huge[..70_000], items[34]!["explanation"]!.GetValue<string>());
        var last = await CallAsync(app, "GET", $"/v2/eval-runs/{id}/responses", (r, a) => a.Runs.ListResponses(r, id), "limit=100&offset=2450");
        Assert.Equal($"{id}.r2499", last.Body!["items"]![49]!["response_uuid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Listing_filters_by_eval_and_deleting_removes_every_row()
    {
        using var app = new TestApp(azurite.Settings(s => s with { DevWorkspaceUuid = "ws-runs-" + Guid.NewGuid().ToString("N") }));
        var before = await azurite.SnapshotAsync();
        var a = "la-" + Guid.NewGuid().ToString("N");
        var b = "lb-" + Guid.NewGuid().ToString("N");
        await app.ImportAsync(SampleRuns.Safety(a, 3, 1, evalType: "safety").ToJsonString());
        await app.ImportAsync(SampleRuns.Safety(b, 3, 1, evalType: "accuracy").ToJsonString());

        var all = await CallAsync(app, "GET", "/v2/eval-runs", (r, x) => x.Runs.List(r));
        var safety = await CallAsync(app, "GET", "/v2/eval-runs", (r, x) => x.Runs.List(r), "eval_uuid=eval-safety");
        Assert.Equal(2, all.Body!["count"]!.GetValue<int>());
        Assert.Equal([a], safety.Body!["items"]!.AsArray().Select(i => i!["eval_run_uuid"]!.GetValue<string>()));
        (await CallAsync(app, "GET", "/v2/eval-runs", (r, x) => x.Runs.List(r), "eval_uuid=' or PartitionKey ne '")).AssertError(422, "validation.invalid_request");

        Assert.Equal(204, (await CallAsync(app, "DELETE", $"/v2/eval-runs/{a}", (r, x) => x.Runs.Delete(r, a))).Status);
        Assert.Equal(204, (await CallAsync(app, "DELETE", $"/v2/eval-runs/{b}", (r, x) => x.Runs.Delete(r, b))).Status);
        (await CallAsync(app, "GET", $"/v2/eval-runs/{a}", (r, x) => x.Runs.Get(r, a))).AssertError(404, "resource.not_found");
        Assert.Equal(before, await azurite.SnapshotAsync());
    }

    private static async Task<Response> CallAsync(
        TestApp app, string method, string path, Func<Microsoft.AspNetCore.Http.HttpRequest, TestApp, Task<Microsoft.AspNetCore.Mvc.IActionResult>> call, string? query = null)
    {
        var request = HttpCall.Request(method, path, query: query);
        return HttpCall.Read(request, await call(request, app));
    }
}
