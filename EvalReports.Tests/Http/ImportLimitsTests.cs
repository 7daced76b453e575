using System.Text.Json.Nodes;
using EvalReports.Tests.Support;

namespace EvalReports.Tests.Http;

/// <summary>Every size limit on POST /v2/eval-runs is a clear 4xx in the envelope that stores nothing.</summary>
public sealed class ImportLimitsTests(Azurite azurite) : IClassFixture<Azurite>
{
    private const int MaxText = 100;

    public static TheoryData<string, Action<JsonObject>> TooLong => new()
    {
        { "responses[1].content", run => run["responses"]![1]!["content"] = new string('c', MaxText + 1) },
        { "responses[1].content", run => run["responses"]![1]!["content"] = new JsonObject { ["text"] = new string('c', MaxText) } },
        { "responses[1].explanation", run => run["responses"]![1]!["explanation"] = new string('e', MaxText + 1) },
        { "responses[1].response_uuid", run => run["responses"]![1]!["response_uuid"] = new string('r', 129) },
        { "responses[1].prompt_uuid", run => run["responses"]![1]!["prompt_uuid"] = new string('p', 129) },
        { "responses[1].thread_uuid", run => run["responses"]![1]!["thread_uuid"] = new string('t', 129) },
        { "responses[1].next_prompt.content", run => run["responses"]![1]!["next_prompt"] = new JsonObject { ["content"] = new string('n', MaxText + 1) } },
        { "prompts[0].content", run => run["prompts"]![0]!["content"] = new string('q', MaxText + 1) },
        { "prompts[0].prompt_uuid", run => run["prompts"]![0]!["prompt_uuid"] = new string('p', 129) },
        { "prompts[0].category", run => run["prompts"]![0]!["category"] = new string('k', 1001) },
        { "ai_description", run => run["ai_description"] = new string('d', MaxText + 1) },
        { "evaluation.ai_instructions", run => run["evaluation"]!["ai_instructions"] = new string('i', MaxText + 1) },
        { "evaluation.eval_instructions", run => run["evaluation"]!["eval_instructions"] = new string('i', MaxText + 1) },
        { "evaluation.ground_truth", run => run["evaluation"]!["ground_truth"] = new JsonArray(new string('g', MaxText)) },
        { "evaluation.name", run => run["evaluation"]!["name"] = new string('n', 1001) },
        { "name", run => run["name"] = new string('n', 1001) },
    };

    [Theory]
    [MemberData(nameof(TooLong))]
    public async Task A_text_over_its_cap_is_422_naming_the_field_and_stores_nothing(string field, Action<JsonObject> change)
    {
        using var app = new TestApp(azurite.Settings(), limits: TestLimits.Default with { MaxTextChars = MaxText });
        var run = SampleRuns.Safety("long-" + Guid.NewGuid().ToString("N"), 3, 2);
        change(run);
        var before = await azurite.SnapshotAsync();

        var response = (await app.ImportAsync(run.ToJsonString())).AssertError(422, "validation.invalid_request");

        Assert.Equal(field, response.Body!["error"]!["details"]!["field"]!.GetValue<string>());
        Assert.Equal(before, await azurite.SnapshotAsync());
    }

    [Theory]
    [InlineData("easy</easy><hard")]
    [InlineData("two\nlines")]
    [InlineData("tab\there")]
    public async Task A_category_that_would_break_its_section_tag_is_422_and_stores_nothing(string category)
    {
        using var app = new TestApp(azurite.Settings());
        var run = SampleRuns.Safety("cat-" + Guid.NewGuid().ToString("N"), 3, 2);
        run["prompts"]![1]!["category"] = category;
        var before = await azurite.SnapshotAsync();

        var response = (await app.ImportAsync(run.ToJsonString())).AssertError(422, "validation.invalid_request");

        Assert.Equal("prompts[1].category", response.Body!["error"]!["details"]!["field"]!.GetValue<string>());
        Assert.Equal(before, await azurite.SnapshotAsync());
    }

    [Fact]
    public async Task Texts_exactly_at_their_caps_import()
    {
        using var app = new TestApp(azurite.Settings(), limits: TestLimits.Default with { MaxTextChars = MaxText });
        var run = SampleRuns.Safety("edge-" + Guid.NewGuid().ToString("N"), 3, 2);
        run["responses"]![1]!["content"] = new string('c', MaxText);
        run["responses"]![1]!["explanation"] = new string('e', MaxText);
        run["responses"]![1]!["response_uuid"] = new string('r', 128);
        run["prompts"]![0]!["content"] = new string('q', MaxText);
        run["name"] = new string('n', 1000);

        Assert.Equal(201, (await app.ImportAsync(run.ToJsonString())).Status);
    }

    [Fact]
    public async Task More_responses_than_the_setting_allows_is_422()
    {
        using var app = new TestApp(azurite.Settings(), limits: TestLimits.Default with { MaxResponsesPerRun = 3 });
        var before = await azurite.SnapshotAsync();

        var response = (await app.ImportAsync(SampleRuns.Safety("many-" + Guid.NewGuid().ToString("N"), 4, 2).ToJsonString()))
            .AssertError(422, "validation.invalid_request");

        Assert.Equal("responses", response.Body!["error"]!["details"]!["field"]!.GetValue<string>());
        Assert.Equal(before, await azurite.SnapshotAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_the_size_cap_is_413_whether_or_not_it_declares_its_length(bool declared)
    {
        using var app = new TestApp(azurite.Settings(), limits: TestLimits.Default with { MaxRequestBodyBytes = 1024 * 1024 });
        var run = SampleRuns.Safety("huge-" + Guid.NewGuid().ToString("N"), 2, 1);
        run["responses"]![0]!["content"] = new string('x', 1024 * 1024);
        var request = HttpCall.Request("POST", "/v2/eval-runs", run.ToJsonString());
        if (!declared)
        {
            request.ContentLength = null;
        }

        var before = await azurite.SnapshotAsync();
        var response = HttpCall.Read(request, await app.Runs.Import(request)).AssertError(413, "validation.invalid_request");

        Assert.Equal(1024 * 1024, response.Body!["error"]!["details"]!["max_bytes"]!.GetValue<long>());
        Assert.Equal(before, await azurite.SnapshotAsync());
    }
}
