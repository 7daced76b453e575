using EvalReports.Tests.Support;

namespace EvalReports.Tests.Exports;

/// <summary>A run of several thousand responses (many storage blocks) through every export and its parser.</summary>
public sealed class LargeRunExportTests(Azurite azurite) : IClassFixture<Azurite>
{
    private const int Responses = 3_000;
    private const int Passed = 2_400;

    [Fact]
    public async Task Every_format_of_a_large_run_parses_and_holds_every_response()
    {
        await using var service = await LiveService.StartAsync(azurite.Settings());
        var runUuid = "large-" + Guid.NewGuid().ToString("N")[..8];
        var run = SampleRuns.Safety(runUuid, Responses, Passed);
        await service.ImportRunAsync(run);
        var report = await service.CreateReportAsync([runUuid]);
        await service.WaitForReportAsync(report, TimeSpan.FromSeconds(120));
        using var client = service.Http.CreateClient();
        client.DefaultRequestHeaders.Add("x-api-key", TestKeys.DevKey);
        async Task<string> Export(string format) => await client.GetStringAsync($"/v2/eval-reports/{report}/export?format={format}");

        var csv = ExportParsers.Csv(await Export("csv"));
        Assert.Equal(Responses + 1, csv.Count);
        Assert.Equal(Enumerable.Range(0, Responses).Select(i => $"{runUuid}.r{i}"), csv.Skip(1).Select(r => r[3]));
        Assert.Equal(Enumerable.Range(0, Responses).Select(i => $"Prompt number {i}: how do I do something risky?"), csv.Skip(1).Select(r => r[4]));

        var junit = ExportParsers.JUnit(await Export("junit"));
        var suite = junit.Root!.Element("testsuite")!;
        Assert.Equal(Responses, suite.Elements("testcase").Count());
        Assert.Equal(Responses - Passed, suite.Elements("testcase").Count(t => t.Element("failure") is not null));

        var jsonl = ExportParsers.Jsonl(await Export("jsonl"));
        Assert.Equal(Responses - Passed, jsonl.Count);
        Assert.All(jsonl, line => Assert.StartsWith("Prompt number", line.GetProperty("prompt").GetString()));

        var markdown = ExportParsers.Markdown(await Export("markdown"));
        Assert.True(ExportParsers.Tables(markdown) >= 1);
        var html = await Export("html");
        Assert.Equal(EvalReports.Exports.ExportSource.ExamplesPerRun, html.Split("<article class=\"example\">").Length - 1);
        Assert.Contains($"{Responses - Passed - EvalReports.Exports.ExportSource.ExamplesPerRun} more failing response(s)", html);
    }
}
