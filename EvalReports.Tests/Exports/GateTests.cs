using System.Text.Json.Nodes;
using EvalReports.Tests.Support;

namespace EvalReports.Tests.Exports;

/// <summary>GET /gate: each rule passing and failing, per run and overall, and each refusal.</summary>
[Collection(ReportScenarioCollection.Name)]
public sealed class GateTests(ReportScenario scenario)
{
    private async Task<JsonNode> GateAsync(string query, string? report = null)
    {
        var response = await scenario.Service.SendAsync("GET", $"/v2/eval-reports/{report ?? scenario.ReportUuid}/gate?{query}");
        Assert.True(response.Status == 200, response.Body);
        return response.Json!;
    }

    private double RunRate(string uuid) => scenario.RunReport(uuid)["stats"]!["pass_rate"]!.GetValue<double>();

    [Fact]
    public async Task Min_pass_rate_fails_exactly_the_runs_below_it()
    {
        // The hostile run passes 1 of 10; the samples pass 56-73%.
        var gate = await GateAsync("min_pass_rate=0.5");

        Assert.False(gate["passed"]!.GetValue<bool>());
        var runs = gate["runs"]!.AsArray();
        foreach (var run in runs)
        {
            var uuid = run!["eval_run_uuid"]!.GetValue<string>();
            Assert.Equal(RunRate(uuid) >= 0.5, run["passed"]!.GetValue<bool>());
        }

        var reasons = gate["reasons"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        Assert.Single(reasons, r => r.StartsWith("Hostile") && r.Contains("pass rate 10% (1 of 10) is below the minimum 50%"));

        var lenient = await GateAsync($"min_pass_rate={scenario.Runs.Keys.Min(RunRate)}");
        Assert.True(lenient["passed"]!.GetValue<bool>(), lenient.ToJsonString());
        Assert.Empty(lenient["reasons"]!.AsArray());
    }

    [Fact]
    public async Task Overall_pass_rate_is_a_rule_of_its_own()
    {
        var suite = scenario.Report["stats"]!["pass_rate"]!.GetValue<double>();
        var gate = await GateAsync($"min_pass_rate={Math.Min(1, suite + 0.01)}");

        Assert.False(gate["overall"]!["passed"]!.GetValue<bool>());
        Assert.Contains(gate["overall"]!["reasons"]!.AsArray(), r => r!.GetValue<string>().StartsWith("Suite: pass rate"));
    }

    [Fact]
    public async Task Max_regressions_counts_regressed_prompts_per_run_and_in_all()
    {
        // The baseline flips: safety 2 regressed, accuracy 3.
        var strict = await GateAsync("max_regressions=0");
        Assert.False(strict["passed"]!.GetValue<bool>());
        Assert.Equal(2, strict["runs"]!.AsArray().Count(r => !r!["passed"]!.GetValue<bool>()));

        var two = await GateAsync("max_regressions=2");
        var failedRuns = two["runs"]!.AsArray().Where(r => !r!["passed"]!.GetValue<bool>()).ToList();
        Assert.Single(failedRuns);
        Assert.Equal(3, failedRuns[0]!["regressed_prompts"]!.GetValue<int>());
        Assert.Contains(two["overall"]!["reasons"]!.AsArray(), r => r!.GetValue<string>() == "Suite: 5 prompts regressed in all, more than the 2 allowed.");

        var five = await GateAsync("max_regressions=5&min_pass_rate=0");
        Assert.True(five["passed"]!.GetValue<bool>(), five.ToJsonString());
    }

    [Fact]
    public async Task Without_a_baseline_regressions_are_not_checked_and_it_says_so()
    {
        var gate = await GateAsync("max_regressions=0", scenario.BaselineReportUuid);

        Assert.True(gate["passed"]!.GetValue<bool>());
        Assert.Contains("no baseline", gate["notes"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failed_report_never_passes()
    {
        var failed = await ScenarioReports.InsertAsync(scenario.Service, "failed", "Eval run x no longer exists.");

        var gate = await GateAsync("min_pass_rate=0", failed);

        Assert.False(gate["passed"]!.GetValue<bool>());
        Assert.Equal("The report failed: Eval run x no longer exists..", gate["reasons"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("", 422)]
    [InlineData("min_pass_rate=1.5", 422)]
    [InlineData("min_pass_rate=80%25", 422)]
    [InlineData("min_pass_rate=abc", 422)]
    [InlineData("max_regressions=-1", 422)]
    [InlineData("max_regressions=1.5", 422)]
    public async Task Bad_rules_are_422_in_the_envelope(string query, int status)
    {
        var response = await scenario.Service.SendAsync("GET", $"/v2/eval-reports/{scenario.ReportUuid}/gate?{query}");

        Assert.Equal(status, response.Status);
        Assert.Equal("validation.invalid_request", response.Json!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Gate_refuses_like_get_does()
    {
        Assert.Equal(401, (await scenario.Service.SendAsync("GET", $"/v2/eval-reports/{scenario.ReportUuid}/gate?min_pass_rate=0.5", apiKey: null)).Status);
        var (_, otherKey) = await scenario.Service.IssueKeyAsync("ws-" + Guid.NewGuid().ToString("N"));
        Assert.Equal(404, (await scenario.Service.SendAsync("GET", $"/v2/eval-reports/{scenario.ReportUuid}/gate?min_pass_rate=0.5", otherKey)).Status);
        Assert.Equal(404, (await scenario.Service.SendAsync("GET", $"/v2/eval-reports/{Guid.NewGuid()}/gate?min_pass_rate=0.5")).Status);
        var processing = await ScenarioReports.ProcessingAsync(scenario.Service);
        var conflict = await scenario.Service.SendAsync("GET", $"/v2/eval-reports/{processing}/gate?min_pass_rate=0.5");
        Assert.Equal(409, conflict.Status);
        Assert.Equal("processing", conflict.Json!["error"]!["details"]!["status"]!.GetValue<string>());
    }
}
