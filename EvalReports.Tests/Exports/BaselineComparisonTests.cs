using System.Text.Json.Nodes;
using EvalReports.Stats;
using EvalReports.Tests.Support;

namespace EvalReports.Tests.Exports;

/// <summary>Stats and the baseline comparison of a suite built from the shipped samples, as GET returns them.</summary>
[Collection(ReportScenarioCollection.Name)]
public sealed class BaselineComparisonTests(ReportScenario scenario)
{
    [Fact]
    public void Each_run_has_stats_counted_from_its_responses_and_the_suite_adds_them_up()
    {
        int scoredAll = 0, passedAll = 0;
        foreach (var (uuid, run) in scenario.Runs)
        {
            var scored = run["responses"]!.AsArray().Where(r => r!["exclude_from_scoring"]?.GetValue<bool>() != true).ToList();
            var passed = scored.Count(r => r!["is_passed"]!.GetValue<bool>());
            var stats = scenario.RunReport(uuid)["stats"]!;
            Assert.Equal(scored.Count, stats["scored"]!.GetValue<int>());
            Assert.Equal(passed, stats["passed"]!.GetValue<int>());
            Assert.Equal(scored.Count - passed, stats["failed"]!.GetValue<int>());
            Assert.Equal((double)passed / scored.Count, stats["pass_rate"]!.GetValue<double>(), 10);
            var ci = stats["pass_rate_ci95"]!.AsArray();
            Assert.True(ci[0]!.GetValue<double>() < stats["pass_rate"]!.GetValue<double>() && stats["pass_rate"]!.GetValue<double>() < ci[1]!.GetValue<double>());
            scoredAll += scored.Count;
            passedAll += passed;
        }

        var suite = scenario.Report["stats"]!;
        Assert.Equal(scoredAll, suite["scored"]!.GetValue<int>());
        Assert.Equal(passedAll, suite["passed"]!.GetValue<int>());
    }

    [Fact]
    public void Accuracy_categories_come_in_the_order_the_eval_names_them()
    {
        var accuracy = scenario.Runs.Single(r => r.Value["evaluation"]!["eval_type"]!.GetValue<string>() == "accuracy");
        var expected = accuracy.Value["prompts"]!.AsArray().Select(p => p!["category"]!.GetValue<string>()).Distinct().ToList();

        var categories = scenario.RunReport(accuracy.Key)["stats"]!["by_category"]!.AsArray().Select(c => c!["category"]!.GetValue<string>()).ToList();

        Assert.Equal(expected, categories);
    }

    [Fact]
    public void Matched_runs_list_exactly_the_prompts_that_flipped()
    {
        foreach (var (uuid, (fixedPrompts, regressed)) in scenario.Flips)
        {
            var comparison = scenario.RunReport(uuid)["comparison"]!;
            Assert.Equal(regressed, comparison["regressed_prompts"]!.AsArray().Select(p => p!.GetValue<string>()).ToList());
            Assert.Equal(fixedPrompts, comparison["fixed_prompts"]!.AsArray().Select(p => p!.GetValue<string>()).ToList());

            // Counts from the data: the baseline had the flipped verdicts.
            var stats = scenario.RunReport(uuid)["stats"]!;
            int scored = stats["scored"]!.GetValue<int>(), passed = stats["passed"]!.GetValue<int>();
            var baselinePassed = passed - fixedPrompts.Count + regressed.Count;
            Assert.Equal((double)baselinePassed / scored, comparison["baseline_pass_rate"]!.GetValue<double>(), 10);
            Assert.Equal((double)(passed - baselinePassed) / scored, comparison["difference"]!.GetValue<double>(), 10);

            // Cochran's rule decides the test: every expected cell count at least 5 → z-test.
            double total = 2 * scored, successes = passed + baselinePassed;
            var minExpected = Math.Min(scored * successes / total, scored * (total - successes) / total);
            Assert.Equal(minExpected >= 5 ? "two_proportion_z" : "fisher_exact", comparison["test"]!.GetValue<string>());
            Assert.Equal("unchanged", comparison["verdict"]!.GetValue<string>()); // a few flips in 30-40 prompts are within chance
            Assert.True(comparison["p_value"]!.GetValue<double>() >= RunComparer.Alpha);
        }
    }

    [Fact]
    public void Runs_of_evals_missing_from_the_baseline_are_new()
    {
        Assert.Equal("new", scenario.RunReport(scenario.JailbreakRunUuid)["comparison"]!["verdict"]!.GetValue<string>());
        Assert.Equal("new", scenario.RunReport(scenario.HostileRunUuid)["comparison"]!["verdict"]!.GetValue<string>());
        var suite = scenario.Report["comparison"]!;
        Assert.Equal(2, suite["runs_new"]!.GetValue<int>());
        Assert.Equal(2, suite["runs_unchanged"]!.GetValue<int>());
        Assert.Equal(scenario.Flips.Values.Sum(f => f.Regressed.Count), suite["regressed_prompt_count"]!.GetValue<int>());
        Assert.Equal(scenario.BaselineReportUuid, scenario.Report["baseline_eval_suite_report_uuid"]!.GetValue<string>());
    }

    [Fact]
    public void The_texts_say_what_regressed_and_what_got_fixed_first()
    {
        var safety = scenario.Flips.First(f => f.Value.Regressed.Count == 2 && f.Value.Fixed.Count == 2).Key;
        var failing = scenario.RunReport(safety)["failing_responses_summary"]!.GetValue<string>();
        var passing = scenario.RunReport(safety)["passing_responses_summary"]!.GetValue<string>();
        foreach (var text in new[] { failing, passing })
        {
            Assert.StartsWith("Compared with the baseline: 2 prompts regressed (passed in the baseline, fail now)", text);
            Assert.Contains("2 prompts got fixed", text);
        }

        var firstRegressed = scenario.Runs[safety]["prompts"]!.AsArray()
            .Single(p => p!["prompt_uuid"]!.GetValue<string>() == scenario.Flips[safety].Regressed[0])!["content"]!.GetValue<string>();
        Assert.Contains(firstRegressed[..40], failing);

        Assert.StartsWith("Compared with the baseline report: 5 prompts regressed and 2 prompts got fixed in all",
            scenario.Report["overall_failing_responses_summary"]!.GetValue<string>());
        Assert.StartsWith("Compared with the baseline: this eval has no run in the baseline report",
            scenario.RunReport(scenario.JailbreakRunUuid)["failing_responses_summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_baseline_must_be_a_finished_report_of_the_same_workspace()
    {
        var service = scenario.Service;
        var run = scenario.Runs.Keys.First();
        async Task<RawResponse> Create(string? baseline, string key = TestKeys.DevKey) =>
            await service.SendAsync("POST", "/v2/eval-reports", key,
                new JsonObject { ["eval_run_uuids"] = new JsonArray(run), ["baseline_eval_suite_report_uuid"] = baseline }.ToJsonString());

        var unknown = await Create(Guid.NewGuid().ToString());
        Assert.Equal(404, unknown.Status);
        Assert.Equal("resource.not_found", unknown.Json!["error"]!["code"]!.GetValue<string>());
        Assert.Equal("baseline_eval_suite_report_uuid", unknown.Json["error"]!["details"]!["field"]!.GetValue<string>());

        var processing = await ScenarioReports.ProcessingAsync(service);
        var conflict = await Create(processing);
        Assert.Equal(409, conflict.Status);
        Assert.Equal("resource.conflict", conflict.Json!["error"]!["code"]!.GetValue<string>());
        Assert.Equal("processing", conflict.Json["error"]!["details"]!["baseline_status"]!.GetValue<string>());

        var malformed = await Create("not a uuid/..");
        Assert.Equal(422, malformed.Status);

        // Another workspace's key cannot use this workspace's report as a baseline: it does not exist for them.
        var (_, otherKey) = await service.IssueKeyAsync("ws-" + Guid.NewGuid().ToString("N"));
        var imported = await service.ImportRunAsync(SampleRuns.Safety("other-" + Guid.NewGuid().ToString("N")[..8], 3, 2), otherKey);
        var foreign = await service.SendAsync("POST", "/v2/eval-reports", otherKey,
            new JsonObject { ["eval_run_uuids"] = new JsonArray(imported), ["baseline_eval_suite_report_uuid"] = scenario.BaselineReportUuid }.ToJsonString());
        Assert.Equal(404, foreign.Status);

        var list = await service.SendAsync("GET", "/v2/eval-reports", otherKey);
        Assert.Equal(0, list.Json!["count"]!.GetValue<int>()); // nothing was created by the refused POST
    }
}
