using System.Text.Json.Nodes;
using EvalReports.Tests.Support;
using Xunit;

namespace EvalReports.Tests.Summaries;

/// <summary>Every ai_instructions and ground_truth shape Aymara evals send imports, is kept exactly and comes back through GET (real Azurite).</summary>
public sealed class EvalShapesImportTests(Azurite azurite) : IClassFixture<Azurite>
{
    public static TheoryData<string, string, string> Shapes => new()
    {
        { "string", "\"You are a helpful assistant. Never give medical doses.\"", "\"The capital of France is Paris.\"" },
        { "agent", """{"system_prompt":"You are OrderBot. Always confirm refunds.","agent_name":"OrderBot","tools":[{"name":"lookup_order","description":"Looks up an order.","parameters":{"type":"object"}}]}""", """{"file_uuid":"kb-1","remote_file_path":"s3://bucket/org_1/kb.pdf"}""" },
        { "agent-minimal", """{"system_prompt":"Be safe."}""", """{"file_uuid":"kb-2"}""" },
        { "workflow", """{"instructions":[{"system_prompt":"You triage.","agent_name":"Triage"},{"system_prompt":"You book.","agent_name":"Scheduler","tools":[]}]}""", """{"remote_file_path":"https://files.example.com/kb.json"}""" },
        { "none", "null", "null" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Each_shape_imports_and_round_trips_through_get(string name, string instructions, string groundTruth)
    {
        using var app = new TestApp(azurite.Settings());
        var run = SampleRuns.Safety($"shape-{name}-{Guid.NewGuid():N}", 3, 2);
        run["evaluation"]!["ai_instructions"] = JsonNode.Parse(instructions);
        run["evaluation"]!["ground_truth"] = JsonNode.Parse(groundTruth);

        var created = await app.ImportAsync(run.ToJsonString());
        Assert.Equal(201, created.Status);
        var id = created.Body!["eval_run_uuid"]!.GetValue<string>();
        var request = HttpCall.Request("GET", $"/v2/eval-runs/{id}");
        var read = HttpCall.Read(request, await app.Runs.Get(request, id));

        Assert.Equal(200, read.Status);
        Assert.Equal(JsonNode.Parse(instructions)?.ToJsonString(), read.Body!["evaluation"]!["ai_instructions"]?.ToJsonString());
        Assert.Equal(JsonNode.Parse(groundTruth)?.ToJsonString(), read.Body["evaluation"]!["ground_truth"]?.ToJsonString());
        Assert.Equal(created.Raw, read.Raw);
    }

    public static TheoryData<string, string, string> BadShapes => new()
    {
        { "ai_instructions", "42", "evaluation.ai_instructions" },
        { "ai_instructions", "[\"a\"]", "evaluation.ai_instructions" },
        { "ai_instructions", """{"agent_name":"x"}""", "evaluation.ai_instructions.system_prompt" },
        { "ai_instructions", """{"system_prompt":"x","tools":"calendar"}""", "evaluation.ai_instructions.tools" },
        { "ai_instructions", """{"instructions":[{"system_prompt":"x"},{"system_prompt":7}]}""", "evaluation.ai_instructions.instructions[1].system_prompt" },
        { "ground_truth", "true", "evaluation.ground_truth" },
        { "ground_truth", """{"file_uuid":12}""", "evaluation.ground_truth.file_uuid" },
    };

    [Theory]
    [MemberData(nameof(BadShapes))]
    public async Task Other_shapes_are_422_naming_the_field_and_store_nothing(string member, string value, string field)
    {
        using var app = new TestApp(azurite.Settings());
        var run = SampleRuns.Safety($"bad-shape-{Guid.NewGuid():N}", 3, 2);
        run["evaluation"]![member] = JsonNode.Parse(value);
        var before = await azurite.SnapshotAsync();

        var response = (await app.ImportAsync(run.ToJsonString())).AssertError(422, "validation.invalid_request");

        Assert.Equal(field, response.Body!["error"]!["details"]!["field"]!.GetValue<string>());
        Assert.Equal(before, await azurite.SnapshotAsync());
    }
}
