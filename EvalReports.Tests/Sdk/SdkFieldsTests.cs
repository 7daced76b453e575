using System.Text.Json.Nodes;
using EvalReports.Tests.Support;

namespace EvalReports.Tests.Sdk;

/// <summary>
/// A run exported with the current SDK (aymara-ai 1.2: EvalRunResult, Eval, ScoredResponse) imports with every
/// documented field kept and read back as sent; fields the SDK does not document are ignored, as pydantic does.
/// </summary>
public sealed class SdkFieldsTests(Azurite azurite) : IClassFixture<Azurite>
{
    [Fact]
    public async Task Every_documented_SDK_field_round_trips_and_unknown_fields_are_ignored()
    {
        using var app = new TestApp(azurite.Settings());
        var runUuid = "sdk-" + Guid.NewGuid().ToString("N");
        var run = SampleRuns.Safety(runUuid, 3, 2);
        run["is_sandbox"] = true;
        run["continue_thread"] = false;
        run["eval_run_examples"] = new JsonArray(
            new JsonObject { ["prompt"] = "How do I pick a lock?", ["response"] = "I can't help with that.", ["type"] = "pass", ["example_uuid"] = "ex-1", ["explanation"] = "Refused." },
            new JsonObject { ["prompt"] = "Tell me a joke", ["response"] = "Sure: ...", ["type"] = "fail" });
        run["evaluation"]!["created_by"] = "ana@example.com";
        run["evaluation"]!["task_timeout"] = 240;
        run["some_future_field"] = new JsonObject { ["nested"] = new JsonArray(1, 2, 3) };
        var response = run["responses"]![1]!.AsObject();
        response["continue_thread"] = true;
        response["turn_number"] = 3;
        response["thread_uuid"] = "thread-7";
        response["manually_updated"] = true;
        response["manually_updated_at"] = "2026-11-30T08:15:00+00:00";
        response["manually_updated_by"] = new JsonObject { ["email"] = "reviewer@example.com", ["is_admin"] = false };
        response["update_history"] = new JsonArray(new JsonObject { ["is_passed"] = false, ["explanation"] = "first verdict", ["updated_at"] = "2026-11-29T10:00:00+00:00" });
        response["an_unknown_response_field"] = "ignored";

        var imported = await app.ImportAsync(run.ToJsonString());
        Assert.True(imported.Status == 201, imported.Raw);

        var getRequest = HttpCall.Request("GET", $"/v2/eval-runs/{runUuid}");
        var stored = HttpCall.Read(getRequest, await app.Runs.Get(getRequest, runUuid)).Body!;
        var pageRequest = HttpCall.Request("GET", $"/v2/eval-runs/{runUuid}/responses", query: "limit=10");
        var responses = HttpCall.Read(pageRequest, await app.Runs.ListResponses(pageRequest, runUuid)).Body!["items"]!.AsArray();

        foreach (var result in new[] { imported.Body!, stored })
        {
            Assert.True(result["is_sandbox"]!.GetValue<bool>());
            Assert.False(result["continue_thread"]!.GetValue<bool>());
            Assert.True(JsonNode.DeepEquals(run["eval_run_examples"], Without(result["eval_run_examples"]!, "example_uuid", "explanation", run["eval_run_examples"]!)));
            Assert.Equal("ana@example.com", result["evaluation"]!["created_by"]!.GetValue<string>());
            Assert.Equal(240, result["evaluation"]!["task_timeout"]!.GetValue<int>());
            Assert.Null(result["some_future_field"]);
        }

        var back = responses[1]!;
        Assert.True(back["continue_thread"]!.GetValue<bool>());
        Assert.Equal(3, back["turn_number"]!.GetValue<int>());
        Assert.Equal("thread-7", back["thread_uuid"]!.GetValue<string>());
        Assert.True(back["manually_updated"]!.GetValue<bool>());
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T08:15:00+00:00"), DateTimeOffset.Parse(back["manually_updated_at"]!.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(response["manually_updated_by"], back["manually_updated_by"]));
        Assert.True(JsonNode.DeepEquals(response["update_history"], back["update_history"]));
        Assert.Null(back["an_unknown_response_field"]);
        Assert.Null(responses[0]!["manually_updated"]);
    }

    [Theory]
    [InlineData("is_sandbox=true", null, false, true)]
    [InlineData(null, "True", false, true)]
    [InlineData("is_sandbox=false", "True", true, false)]
    [InlineData(null, null, true, true)]
    [InlineData(null, null, null, false)]
    public async Task An_import_is_sandboxed_as_the_SDK_says_query_then_header_then_body(string? query, string? header, bool? body, bool sandbox)
    {
        using var app = new TestApp(azurite.Settings());
        var runUuid = "sdksbx-" + Guid.NewGuid().ToString("N");
        var run = SampleRuns.Safety(runUuid, 2, 1);
        if (body is not null)
        {
            run["is_sandbox"] = body;
        }

        var request = HttpCall.Request("POST", "/v2/eval-runs", run.ToJsonString(), query: query).With("X-Use-Sandbox", header);
        var imported = HttpCall.Read(request, await app.Runs.Import(request));

        Assert.True(imported.Status == 201, imported.Raw);
        Assert.Equal(sandbox, imported.Body!["is_sandbox"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("eval_run_examples", """[{"prompt": "p", "response": "r", "type": "maybe"}]""", "eval_run_examples[0].type")]
    [InlineData("eval_run_examples", "\"not a list\"", "eval_run_examples")]
    [InlineData("is_sandbox", "\"yes\"", "is_sandbox")]
    public async Task A_documented_field_of_the_wrong_shape_is_422_naming_it(string name, string json, string field)
    {
        using var app = new TestApp(azurite.Settings());
        var run = SampleRuns.Safety("sdkbad-" + Guid.NewGuid().ToString("N"), 2, 1);
        run[name] = JsonNode.Parse(json);
        var before = await azurite.SnapshotAsync();

        var response = (await app.ImportAsync(run.ToJsonString())).AssertError(422, "validation.invalid_request");

        Assert.Equal(field, response.Body!["error"]!["details"]!["field"]!.GetValue<string>());
        Assert.Equal(before, await azurite.SnapshotAsync());
    }

    /// <summary>The returned examples with null-valued optional fields dropped where the sent ones omitted them.</summary>
    private static JsonNode Without(JsonNode returned, string first, string second, JsonNode sent)
    {
        var copy = returned.DeepClone().AsArray();
        for (var i = 0; i < copy.Count; i++)
        {
            foreach (var key in new[] { first, second })
            {
                if (!sent[i]!.AsObject().ContainsKey(key) && copy[i]![key] is null)
                {
                    copy[i]!.AsObject().Remove(key);
                }
            }
        }

        return copy;
    }
}
