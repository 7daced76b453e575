using System.Globalization;
using EvalReports.Contracts;
using EvalReports.Errors;
using EvalReports.Exports;
using EvalReports.Stats;

namespace EvalReports.Gates;

/// <summary>
/// The CI gate over a report: every run and the suite must reach min_pass_rate, and no run nor the suite may have
/// more than max_regressions regressed prompts (passed in the baseline, fail now). A failed report never passes.
/// </summary>
public static class ReportGate
{
    public static GateRules ParseRules(string? minPassRate, string? maxRegressions)
    {
        double? min = null;
        int? max = null;
        if (!string.IsNullOrWhiteSpace(minPassRate))
        {
            if (!double.TryParse(minPassRate, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value is < 0 or > 1 || double.IsNaN(value))
            {
                throw ApiErrors.InvalidRequest("min_pass_rate must be a number from 0 to 1 (0.9 means 90%).", "min_pass_rate");
            }

            min = value;
        }

        if (!string.IsNullOrWhiteSpace(maxRegressions))
        {
            if (!int.TryParse(maxRegressions, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                throw ApiErrors.InvalidRequest("max_regressions must be a whole number, 0 or more.", "max_regressions");
            }

            max = value;
        }

        if (min is null && max is null)
        {
            throw ApiErrors.InvalidRequest("Give min_pass_rate, max_regressions or both.", "min_pass_rate");
        }

        return new GateRules(min, max);
    }

    public static GateResult Evaluate(EvalSuiteReport report, GateRules rules)
    {
        if (report.Status is ReportStatus.Created or ReportStatus.Processing)
        {
            throw ApiErrors.Conflict(
                $"The report is {report.Status}; wait until it is finished before gating on it.",
                new Dictionary<string, object?> { ["status"] = report.Status });
        }

        var notes = new List<string>();
        if (report.Status == ReportStatus.Failed)
        {
            var reason = $"The report failed: {report.Error ?? "no reason recorded"}.";
            return new GateResult(false, [reason], [], new OverallGate(false, [reason], null, null), rules, notes);
        }

        var hasBaseline = report.BaselineEvalSuiteReportUuid is not null;
        if (rules.MaxRegressions is not null && !hasBaseline)
        {
            notes.Add("The report has no baseline, so max_regressions was not checked.");
        }

        var runs = report.EvalRunReports.Select(run => Run(run, rules, hasBaseline)).ToList();
        var overallReasons = new List<string>();
        var suiteRate = report.Stats?.PassRate;
        if (rules.MinPassRate is { } min && report.EvalRunReports.Count > 1)
        {
            if (suiteRate is null)
            {
                overallReasons.Add("Suite: no scored responses.");
            }
            else if (suiteRate < min)
            {
                overallReasons.Add($"Suite: pass rate {ComparisonWriter.Percent(suiteRate)} is below the minimum {ComparisonWriter.Percent(min)}.");
            }
        }

        int? totalRegressed = hasBaseline ? report.EvalRunReports.Sum(r => r.Comparison?.RegressedPromptCount ?? 0) : null;
        if (rules.MaxRegressions is { } max && totalRegressed > max && report.EvalRunReports.Count > 1)
        {
            overallReasons.Add($"Suite: {totalRegressed} prompts regressed in all, more than the {max} allowed.");
        }

        var overall = new OverallGate(overallReasons.Count == 0, overallReasons, suiteRate, totalRegressed);
        var reasons = runs.SelectMany(r => r.Reasons).Concat(overallReasons).ToList();
        return new GateResult(reasons.Count == 0, reasons, runs, overall, rules, notes);
    }

    private static RunGate Run(EvalRunReport run, GateRules rules, bool hasBaseline)
    {
        var name = ExportSource.RunName(run);
        var reasons = new List<string>();
        var rate = run.Stats?.PassRate;
        if (rules.MinPassRate is { } min)
        {
            if (run.Stats is null)
            {
                reasons.Add($"{name}: no stats (the report predates them); make a new report.");
            }
            else if (rate is null)
            {
                reasons.Add($"{name}: no scored responses.");
            }
            else if (rate < min)
            {
                reasons.Add($"{name}: pass rate {ComparisonWriter.Percent(rate)} ({run.Stats.Passed} of {run.Stats.Scored}) is below the minimum {ComparisonWriter.Percent(min)}.");
            }
        }

        int? regressed = hasBaseline ? run.Comparison?.RegressedPromptCount ?? 0 : null;
        if (rules.MaxRegressions is { } max && regressed > max)
        {
            reasons.Add($"{name}: {regressed} prompts regressed (passed in the baseline, fail now), more than the {max} allowed.");
        }

        return new RunGate(run.EvalRunUuid, name, reasons.Count == 0, reasons, rate, regressed);
    }
}
