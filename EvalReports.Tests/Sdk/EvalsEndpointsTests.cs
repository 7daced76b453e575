using System.Text.Json.Nodes;
using EvalReports.Tests.Support;

namespace EvalReports.Tests.Sdk;

/// <summary>
/// GET /v2/evals, /v2/evals/{eval_uuid} and /v2/evals/{eval_uuid}/prompts (what the SDK's to_scores_df and
/// graph_eval_by_category call), over real HTTP, served from imported runs: the eval object of the newest run, the
/// prompts of its newest run, paged as {items, count}, only within the key's workspace.
/// </summary>
public sealed class EvalsEndpointsTests(Azurite azurite) : IClassFixture<Azurite>
{
    [Fact]
    public async Task Evals_and_their_prompts_come_from_the_imported_runs_paged_and_per_workspace()
    {
        var workspace = "ws-evals-" + Guid.NewGuid().ToString("N")[..8];
        await using var service = await LiveService.StartAsync(azurite.Settings(s => s with { DevWorkspaceUuid = workspace }));
        var evalUuid = "eval-acc-" + Guid.NewGuid().ToString("N")[..8];
        var older = Run(evalUuid, "older", ["q1", "q2", "q3"], "Old instructions.");
        var newer = Run(evalUuid, "newer", ["q3", "q4"], "New instructions.");
        var otherEval = Run("eval-other-" + Guid.NewGuid().ToString("N")[..8], "other", ["z1"], "Other.");
        await service.ImportRunAsync(older);
        await service.ImportRunAsync(newer);
        await service.ImportRunAsync(otherEval);
        var (_, foreignKey) = await service.IssueKeyAsync("ws-foreign-" + Guid.NewGuid().ToString("N")[..8]);

        var eval = await GetJsonAsync(service, $"/v2/evals/{evalUuid}");
        Assert.Equal(evalUuid, eval["eval_uuid"]!.GetValue<string>());
        Assert.Equal("New instructions.", eval["ai_instructions"]!.GetValue<string>());
        Assert.Equal("accuracy", eval["eval_type"]!.GetValue<string>());
        Assert.Equal(workspace, eval["workspace_uuid"]!.GetValue<string>());

        // The prompts of the newest run (an eval's runs share its prompt set): q3 q4, in import order, paged.
        var all = await GetJsonAsync(service, $"/v2/evals/{evalUuid}/prompts");
        Assert.Equal(2, all["count"]!.GetValue<int>());
        Assert.Equal(new[] { "q3", "q4" }.Select(p => $"{evalUuid}.{p}"), all["items"]!.AsArray().Select(p => p!["prompt_uuid"]!.GetValue<string>()));
        Assert.Equal(new[] { "cat-q3", "cat-q4" }, all["items"]!.AsArray().Select(p => p!["category"]!.GetValue<string>()));
        Assert.Equal("Question q4?", all["items"]![1]!["content"]!.GetValue<string>());
        var page = await GetJsonAsync(service, $"/v2/evals/{evalUuid}/prompts?limit=1&offset=1");
        Assert.Equal(2, page["count"]!.GetValue<int>());
        Assert.Equal($"{evalUuid}.q4", Assert.Single(page["items"]!.AsArray())!["prompt_uuid"]!.GetValue<string>());
        Assert.Empty((await GetJsonAsync(service, $"/v2/evals/{evalUuid}/prompts?offset=2"))["items"]!.AsArray());

        var list = await GetJsonAsync(service, "/v2/evals?limit=100");
        Assert.Equal(2, list["count"]!.GetValue<int>());
        Assert.Contains(evalUuid, list["items"]!.AsArray().Select(e => e!["eval_uuid"]!.GetValue<string>()));
        Assert.Single((await GetJsonAsync(service, "/v2/evals?limit=1&offset=1"))["items"]!.AsArray());

        // Another workspace sees none of it; no key is 401; bad paging is 422; unknown eval is 404.
        AssertError(await service.SendAsync("GET", $"/v2/evals/{evalUuid}", foreignKey), 404, "resource.not_found");
        AssertError(await service.SendAsync("GET", $"/v2/evals/{evalUuid}/prompts", foreignKey), 404, "resource.not_found");
        Assert.Equal(0, (await service.SendAsync("GET", "/v2/evals", foreignKey)).Json!["count"]!.GetValue<int>());
        AssertError(await service.SendAsync("GET", $"/v2/evals/{evalUuid}", null), 401, "auth.invalid_key");
        AssertError(await service.SendAsync("GET", "/v2/evals?limit=0"), 422, "validation.invalid_request");
        AssertError(await service.SendAsync("GET", "/v2/evals/no-such-eval/prompts"), 404, "resource.not_found");
        AssertError(await service.SendAsync("GET", $"/v2/evals/{evalUuid}?workspace_uuid=elsewhere"), 403, "auth.insufficient_permissions");

        // With the newest run deleted, the older run's prompts and instructions are the eval's; with both, it is gone.
        Assert.Equal(204, (await service.SendAsync("DELETE", $"/v2/eval-runs/{newer["eval_run_uuid"]}")).Status);
        Assert.Equal(3, (await GetJsonAsync(service, $"/v2/evals/{evalUuid}/prompts"))["count"]!.GetValue<int>());
        Assert.Equal("Old instructions.", (await GetJsonAsync(service, $"/v2/evals/{evalUuid}"))["ai_instructions"]!.GetValue<string>());
        Assert.Equal(204, (await service.SendAsync("DELETE", $"/v2/eval-runs/{older["eval_run_uuid"]}")).Status);
        AssertError(await service.SendAsync("GET", $"/v2/evals/{evalUuid}"), 404, "resource.not_found");
    }

    private static JsonObject Run(string evalUuid, string name, string[] prompts, string instructions)
    {
        var run = SampleRuns.Safety($"{evalUuid}-{name}-" + Guid.NewGuid().ToString("N")[..6], prompts.Length, 1, evalType: "accuracy");
        run["eval_uuid"] = evalUuid;
        run["evaluation"]!["ai_instructions"] = instructions;
        for (var i = 0; i < prompts.Length; i++)
        {
            var promptUuid = $"{evalUuid}.{prompts[i]}";
            run["prompts"]![i] = new JsonObject { ["prompt_uuid"] = promptUuid, ["content"] = $"Question {prompts[i]}?", ["category"] = "cat-" + prompts[i] };
            run["responses"]![i]!["prompt_uuid"] = promptUuid;
        }

        return run;
    }

    private static async Task<JsonNode> GetJsonAsync(LiveService service, string target)
    {
        var response = await service.SendAsync("GET", target);
        Assert.True(response.Status == 200, $"{target}: {response.Status} {response.Body}");
        return response.Json!;
    }

    private static void AssertError(RawResponse response, int status, string code)
    {
        Assert.True(response.Status == status, $"expected {status}, got {response.Status} {response.Body}");
        Assert.Equal(code, response.Json!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(response.Headers["x-request-id"], response.Json["request_id"]!.GetValue<string>());
    }
}
