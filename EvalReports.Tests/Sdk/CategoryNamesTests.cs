using System.Text;
using System.Text.Json.Nodes;
using EvalReports.Api;
using EvalReports.Tests.Support;

namespace EvalReports.Tests.Sdk;

/// <summary>
/// Category names become section names in every summary, so they are plain text: letters of any script, digits,
/// spaces and <c>_ . : -</c>, in NFC. Markup, controls and bidirectional overrides are refused (422 naming the
/// field, nothing stored); accepted names are stored NFC-normalised.
/// </summary>
public sealed class CategoryNamesTests(Azurite azurite) : IClassFixture<Azurite>
{
    public static TheoryData<string> Refused => new()
    {
        "img src=x onerror=alert(1)",
        "easy</easy><hard",
        "a\u202Eevil",          // RIGHT-TO-LEFT OVERRIDE
        "a\u202Aembed",         // LEFT-TO-RIGHT EMBEDDING
        "iso\u2066late",        // LEFT-TO-RIGHT ISOLATE
        "pop\u2069",            // POP DIRECTIONAL ISOLATE
        "mark\u200F",           // RIGHT-TO-LEFT MARK
        "say \"hi\"",
        "it's",
        "smile 🙂",
        "tab\there",
        "two\nlines",
        "zero\u200Bwidth",
        "",
        " leading",
        "trailing ",
        "a/b",
        "50%",
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_category_that_is_not_plain_text_is_422_naming_the_field_and_stores_nothing(string category)
    {
        using var app = new TestApp(azurite.Settings());
        var run = SampleRuns.Safety("catx-" + Guid.NewGuid().ToString("N"), 3, 2);
        run["prompts"]![2]!["category"] = category;
        var before = await azurite.SnapshotAsync();

        var response = (await app.ImportAsync(run.ToJsonString())).AssertError(422, "validation.invalid_request");

        Assert.Equal("prompts[2].category", response.Body!["error"]!["details"]!["field"]!.GetValue<string>());
        Assert.Equal(before, await azurite.SnapshotAsync());
    }

    [Theory]
    [InlineData("out-of-scope", "out-of-scope")]
    [InlineData("two words", "two words")]
    [InlineData("v1.2:edge_case", "v1.2:edge_case")]
    [InlineData("日本語の質問", "日本語の質問")]
    [InlineData("Ελληνικά", "Ελληνικά")]
    [InlineData("हिन्दी", "हिन्दी")]
    [InlineData("cafe\u0301", "caf\u00E9")]      // decomposed é is stored composed (NFC)
    [InlineData("A\u030Angstr\u00F6m", "\u00C5ngstr\u00F6m")]
    public async Task A_plain_text_category_is_stored_in_NFC(string category, string stored)
    {
        var workspace = "ws-cat-" + Guid.NewGuid().ToString("N")[..8];
        using var app = new TestApp(azurite.Settings(s => s with { DevWorkspaceUuid = workspace }));
        var run = SampleRuns.Safety("catok-" + Guid.NewGuid().ToString("N"), 3, 2);
        run["prompts"]![1]!["category"] = category;
        Assert.Equal(201, (await app.ImportAsync(run.ToJsonString())).Status);

        var evals = new Functions.EvalsHttp(app.Get<HttpApi>(), app.Get<EvalReports.Evals.EvalService>());
        var request = HttpCall.Request("GET", "/v2/evals/eval-safety/prompts");
        var prompts = HttpCall.Read(request, await evals.ListPrompts(request, "eval-safety")).Body!["items"]!.AsArray();

        var back = prompts[1]!["category"]!.GetValue<string>();
        Assert.Equal(stored, back);
        Assert.True(back.IsNormalized(NormalizationForm.FormC));
    }
}
