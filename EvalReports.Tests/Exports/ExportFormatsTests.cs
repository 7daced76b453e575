using System.Net;
using System.Text.Json;
using EvalReports.Tests.Support;
using Markdig.Syntax;

namespace EvalReports.Tests.Exports;

/// <summary>Every export of the sample suite (with its baseline and a run of hostile text) parsed by a real parser.</summary>
[Collection(ReportScenarioCollection.Name)]
public sealed class ExportFormatsTests(ReportScenario scenario)
{
    private IEnumerable<(string Uuid, System.Text.Json.Nodes.JsonNode Response)> Scored() =>
        scenario.Runs.SelectMany(run => run.Value["responses"]!.AsArray()
            .Where(r => r!["exclude_from_scoring"]?.GetValue<bool>() != true)
            .Select(r => (run.Key, r!)));

    [Fact]
    public async Task Markdown_is_the_whole_report_and_untrusted_text_stays_text()
    {
        var text = await scenario.ExportTextAsync("markdown");
        SaveSample("report.md", text);

        var document = ExportParsers.Markdown(text);

        Assert.True(ExportParsers.Tables(document) >= 3, "pass rates, comparison and the accuracy categories are tables");
        var headings = document.Descendants<HeadingBlock>().Select(h => Markdig.Markdown.ToPlainText(string.Join("\n", text.Split('\n')[h.Line]), ExportParsers.Pipeline).Trim()).ToList();
        Assert.Contains("Pass rates", headings);
        Assert.Contains("Compared with the baseline", headings);
        foreach (var run in scenario.Runs.Values.Where(r => r["eval_run_uuid"]!.GetValue<string>() != scenario.HostileRunUuid))
        {
            Assert.Contains(run["name"]!.GetValue<string>(), headings);
        }

        var html = Markdig.Markdown.ToHtml(text, ExportParsers.Pipeline);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;window.__pwned", html);
    }

    [Fact]
    public async Task Csv_has_one_row_per_scored_response_and_no_cell_a_spreadsheet_would_run()
    {
        using var response = await scenario.ExportAsync("csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        SaveSample("report.csv", text);

        var rows = ExportParsers.Csv(text);

        Assert.Equal(["eval_run_uuid", "run", "prompt_uuid", "response_uuid", "prompt", "category", "passed", "refused", "explanation", "response"], rows[0]);
        var expected = Scored().ToDictionary(s => s.Response["response_uuid"]!.GetValue<string>());
        Assert.Equal(expected.Count, rows.Count - 1);
        foreach (var row in rows.Skip(1))
        {
            var source = expected[row[3]];
            Assert.Equal(source.Uuid, row[0]);
            Assert.Equal(source.Response["is_passed"]!.GetValue<bool>() ? "true" : "false", row[6]);
            Assert.All(row, cell => Assert.False(cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@', $"unguarded cell {cell}"));
        }

        Assert.Contains(rows, r => r[8] == "'" + ReportScenario.FormulaPayload);
        Assert.Contains(rows, r => r[5] == "'-cmd:calc"); // category names may start with '-' (import refuses '=', '+', '@')
        Assert.Contains(rows, r => r[8].Contains('\n')); // a multi-line explanation survives as one field
        Assert.Contains("\r\n", text);
    }

    [Fact]
    public async Task Junit_is_valid_against_the_schema_with_a_testcase_per_scored_response()
    {
        var text = await scenario.ExportTextAsync("junit");
        SaveSample("report.junit.xml", text);

        var document = ExportParsers.JUnit(text);

        var suites = document.Root!.Elements("testsuite").ToList();
        Assert.Equal(scenario.Runs.Count, suites.Count);
        foreach (var suite in suites)
        {
            var runUuid = suite.Element("properties")!.Elements("property").Single(p => (string)p.Attribute("name")! == "eval_run_uuid").Attribute("value")!.Value;
            var scored = Scored().Where(s => s.Uuid == runUuid).ToList();
            var failed = scored.Count(s => !s.Response["is_passed"]!.GetValue<bool>());
            Assert.Equal(scored.Count, suite.Elements("testcase").Count());
            Assert.Equal(scored.Count, (int)suite.Attribute("tests")!);
            Assert.Equal(failed, (int)suite.Attribute("failures")!);
            Assert.Equal(failed, suite.Elements("testcase").Count(t => t.Element("failure") is not null));
        }

        var hostile = suites.Single(s => s.Attribute("name")!.Value.StartsWith("Hostile"));
        Assert.Contains(hostile.Descendants("failure"), f => f.Attribute("message")!.Value == ReportScenario.ScriptPayload);
        Assert.Contains(hostile.Descendants("failure"), f => f.Attribute("message")!.Value.Contains("control \uFFFD characters"));
    }

    [Fact]
    public async Task Jsonl_is_the_failing_prompts_one_object_per_line()
    {
        var text = await scenario.ExportTextAsync("jsonl");
        SaveSample("failing-prompts.jsonl", text);

        var lines = ExportParsers.Jsonl(text);

        var failing = Scored().Where(s => !s.Response["is_passed"]!.GetValue<bool>()).ToList();
        Assert.Equal(failing.Count, lines.Count);
        Assert.Equal(failing.Select(f => f.Response["prompt_uuid"]!.GetValue<string>()), lines.Select(l => l.GetProperty("prompt_uuid").GetString()));
        var first = lines[0];
        foreach (var field in new[] { "prompt", "category", "explanation", "run", "eval_run_uuid", "response" })
        {
            Assert.True(first.TryGetProperty(field, out _), field);
        }

        var accuracy = lines.First(l => l.GetProperty("category").ValueKind == JsonValueKind.String && l.GetProperty("category").GetString() is "complex" or "obscure" or "unanswerable" or "easy");
        Assert.False(string.IsNullOrEmpty(accuracy.GetProperty("prompt").GetString()));
    }

    [Fact]
    public async Task Html_is_served_with_a_policy_that_allows_no_script_and_escapes_everything()
    {
        using var response = await scenario.ExportAsync("html");
        var html = await response.Content.ReadAsStringAsync();
        SaveSample("report.html", html);

        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; img-src data:", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, html.Split("</style>").Length - 1);
        Assert.DoesNotMatch(@"(src|href)\s*=\s*""?(https?:)?//", html); // nothing to fetch
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public async Task Export_refuses_like_get_does()
    {
        using var anonymous = new HttpClient { BaseAddress = scenario.Service.Http.Address };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/v2/eval-reports/{scenario.ReportUuid}/export?format=csv")).StatusCode);

        var (_, otherKey) = await scenario.Service.IssueKeyAsync("ws-" + Guid.NewGuid().ToString("N"));
        var foreign = await scenario.Service.SendAsync("GET", $"/v2/eval-reports/{scenario.ReportUuid}/export?format=csv", otherKey);
        Assert.Equal(404, foreign.Status);
        Assert.Equal("resource.not_found", foreign.Json!["error"]!["code"]!.GetValue<string>());

        var badFormat = await scenario.Service.SendAsync("GET", $"/v2/eval-reports/{scenario.ReportUuid}/export?format=pdf");
        Assert.Equal(422, badFormat.Status);
        Assert.Equal("format", badFormat.Json!["error"]!["details"]!["field"]!.GetValue<string>());

        var processing = await ScenarioReports.ProcessingAsync(scenario.Service);
        var notYet = await scenario.Service.SendAsync("GET", $"/v2/eval-reports/{processing}/export?format=html");
        Assert.Equal(409, notYet.Status);

        Assert.Equal(404, (await scenario.Service.SendAsync("GET", $"/v2/eval-reports/{Guid.NewGuid()}/export?format=html")).Status);
    }

    internal static void SaveSample(string name, string text)
    {
        if (Directory.Exists("/work/coord"))
        {
            Directory.CreateDirectory("/work/coord/export-samples");
            File.WriteAllText(Path.Combine("/work/coord/export-samples", name), text);
        }
    }
}
