using EvalReports.Reports;
using EvalReports.Tests.EndToEnd;
using EvalReports.Tests.Support;

namespace EvalReports.Tests.Bounds;

/// <summary>
/// include_responses=true returns at most 5,000 responses and 5,000,000 characters of their text in one reply;
/// beyond that it is a 422 that points at each run's paged /responses, and nothing is loaded past the cap.
/// </summary>
public sealed class IncludeResponsesTests(Azurite azurite) : IClassFixture<Azurite>
{
    [Fact]
    public async Task A_report_over_more_responses_than_the_cap_is_a_422_pointing_to_the_paged_responses()
    {
        using var app = new TestApp(azurite.Settings(s => s with { DevWorkspaceUuid = "ws-inc-" + Guid.NewGuid().ToString("N") }));
        await using var durable = await InProcessDurable.StartAsync(app);
        var half = IncludedResponses.MaxResponses / 2 + 1; // two runs: one response over the cap
        var runs = new[] { "inc-a-" + Guid.NewGuid().ToString("N"), "inc-b-" + Guid.NewGuid().ToString("N") };
        foreach (var run in runs)
        {
            Assert.Equal(201, (await app.ImportAsync(SampleRuns.Safety(run, half, half / 2).ToJsonString())).Status);
        }

        var client = new ReportClient(app, durable.Client);
        var id = (await client.CreateAsync(runs)).Body!["eval_suite_report_uuid"]!.GetValue<string>();
        Assert.Equal("finished", (await client.WaitAsync(id, TimeSpan.FromMinutes(3)))["status"]!.GetValue<string>());

        var request = HttpCall.Request("GET", $"/v2/eval-reports/{id}", query: "include_responses=true");
        var details = HttpCall.Read(request, await app.Reports.Get(request, id, durable.Client))
            .AssertError(422, "validation.invalid_request").Body!["error"]!["details"]!;

        Assert.Equal("include_responses", details["field"]!.GetValue<string>());
        Assert.Equal(IncludedResponses.MaxResponses, details["max_responses"]!.GetValue<int>());
        Assert.Equal(runs.Select(r => $"/v2/eval-runs/{r}/responses"), details["responses_urls"]!.AsArray().Select(u => u!.GetValue<string>()));
        var plain = HttpCall.Request("GET", $"/v2/eval-reports/{id}");
        Assert.Equal(200, HttpCall.Read(plain, await app.Reports.Get(plain, id, durable.Client)).Status);
    }

    [Fact]
    public async Task Responses_with_more_text_than_the_cap_are_a_422_and_a_report_within_both_caps_returns_them_all()
    {
        using var app = new TestApp(azurite.Settings(s => s with { DevWorkspaceUuid = "ws-inc-" + Guid.NewGuid().ToString("N") }));
        await using var durable = await InProcessDurable.StartAsync(app);
        var big = "inc-big-" + Guid.NewGuid().ToString("N");
        var run = SampleRuns.Safety(big, 6, 3);
        foreach (var response in run["responses"]!.AsArray())
        {
            response!["content"] = new string('x', 900_000); // 6 × 900,000 = 5,400,000 characters
        }

        Assert.Equal(201, (await app.ImportAsync(run.ToJsonString())).Status);
        var small = "inc-small-" + Guid.NewGuid().ToString("N");
        Assert.Equal(201, (await app.ImportAsync(SampleRuns.Safety(small, 4, 2).ToJsonString())).Status);
        var client = new ReportClient(app, durable.Client);
        var tooMuch = (await client.CreateAsync(big)).Body!["eval_suite_report_uuid"]!.GetValue<string>();
        var fits = (await client.CreateAsync(small)).Body!["eval_suite_report_uuid"]!.GetValue<string>();
        await client.WaitAsync(tooMuch, TimeSpan.FromMinutes(3));
        await client.WaitAsync(fits, TimeSpan.FromMinutes(3));

        var request = HttpCall.Request("GET", $"/v2/eval-reports/{tooMuch}", query: "include_responses=true");
        var refused = HttpCall.Read(request, await app.Reports.Get(request, tooMuch, durable.Client)).AssertError(422, "validation.invalid_request");
        var ok = HttpCall.Request("GET", $"/v2/eval-reports/{fits}", query: "include_responses=true");
        var report = HttpCall.Read(ok, await app.Reports.Get(ok, fits, durable.Client));

        Assert.Equal(IncludedResponses.MaxChars, refused.Body!["error"]!["details"]!["max_chars"]!.GetValue<long>());
        Assert.Equal(200, report.Status);
        Assert.Equal(4, report.Body!["eval_run_reports"]![0]!["eval_run"]!["responses"]!.AsArray().Count);
    }
}
