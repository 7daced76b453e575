using System.Runtime.CompilerServices;
using EvalReports.Tests.Support;
using Xunit.Abstractions;

namespace EvalReports.Tests.EndToEnd;

/// <summary>The sample runs the README tells newcomers to import really import and produce a finished report.</summary>
public sealed class ShippedSamplesTests(Azurite azurite, ITestOutputHelper output) : IClassFixture<Azurite>
{
    [Theory]
    [InlineData("safety-run.json", 39, 28)]
    [InlineData("accuracy-run.json", 30, 22)]
    [InlineData("jailbreak-run.json", 20, 13)]
    public async Task Each_sample_imports_with_the_stats_its_readme_states(string file, int scored, int passed)
    {
        using var app = new TestApp(azurite.Settings(s => s with { DevWorkspaceUuid = "ws-" + Guid.NewGuid().ToString("N") }));

        var imported = await app.ImportAsync(File.ReadAllText(Path.Combine(SamplesFolder(), file)));

        Assert.Equal(201, imported.Status);
        Assert.Equal(scored, imported.Body!["num_responses_scored"]!.GetValue<int>());
        Assert.Equal((double)passed / scored, imported.Body["pass_rate"]!.GetValue<double>(), 10);
    }

    [Fact]
    public async Task The_three_samples_make_a_finished_suite_report()
    {
        using var app = new TestApp(azurite.Settings(s => s with { DevWorkspaceUuid = "ws-" + Guid.NewGuid().ToString("N") }));
        await using var durable = await InProcessDurable.StartAsync(app);
        var client = new ReportClient(app, durable.Client);
        var runs = new List<string>();
        foreach (var file in new[] { "safety-run.json", "accuracy-run.json", "jailbreak-run.json" })
        {
            runs.Add((await app.ImportAsync(File.ReadAllText(Path.Combine(SamplesFolder(), file)))).Body!["eval_run_uuid"]!.GetValue<string>());
        }

        var id = (await client.CreateAsync([.. runs])).Body!["eval_suite_report_uuid"]!.GetValue<string>();
        var report = await client.WaitAsync(id);

        Assert.Equal("finished", report["status"]!.GetValue<string>());
        Assert.Equal(3, report["eval_run_reports"]!.AsArray().Count);
        var accuracy = report["eval_run_reports"]![1]!["failing_responses_summary"]!.GetValue<string>();
        foreach (var category in new[] { "complex", "easy", "obscure", "unanswerable" })
        {
            Assert.Contains($"<{category}>", accuracy);
        }

        Assert.Contains("<easy>\nThere were no failing results to evaluate.\n</easy>", accuracy);
        output.WriteLine(report.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    private static string SamplesFolder([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "samples"));
}
