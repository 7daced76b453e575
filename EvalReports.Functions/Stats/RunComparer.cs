using EvalReports.Contracts;

namespace EvalReports.Stats;

/// <summary>Compares a run with its baseline run: the statistics of <see cref="Proportions"/> and the changed prompts.</summary>
public static class RunComparer
{
    public const double Alpha = 0.05;

    /// <summary>A comparison lists at most this many prompt uuids per list (the counts are always whole), to keep a run report's row bounded.</summary>
    public const int MaxListedPrompts = 1000;

    public static RunComparison New() => new() { Verdict = ComparisonVerdict.New };

    /// <param name="baselineOutcomes">Null when the baseline run's responses are gone: then no prompt lists.</param>
    public static RunComparison Compare(
        string baselineRunUuid, ReportStats baseline, PromptOutcomes? baselineOutcomes, ReportStats current, PromptOutcomes currentOutcomes)
    {
        var test = Test(current.Passed, current.Scored, baseline.Passed, baseline.Scored);
        var comparison = test with { BaselineEvalRunUuid = baselineRunUuid };
        if (baselineOutcomes is null)
        {
            return comparison with { Note = "The baseline eval run has been deleted since, so its prompts cannot be compared one by one." };
        }

        var regressed = new List<string>();
        var fixedPrompts = new List<string>();
        foreach (var prompt in currentOutcomes.Prompts)
        {
            var before = baselineOutcomes.Passed(prompt);
            var now = currentOutcomes.Passed(prompt);
            if (before == true && now == false)
            {
                regressed.Add(prompt);
            }
            else if (before == false && now == true)
            {
                fixedPrompts.Add(prompt);
            }
        }

        return comparison with
        {
            RegressedPrompts = regressed.Take(MaxListedPrompts).ToList(),
            FixedPrompts = fixedPrompts.Take(MaxListedPrompts).ToList(),
            RegressedPromptCount = regressed.Count,
            FixedPromptCount = fixedPrompts.Count,
        };
    }

    /// <summary>The test of current (x1 of n1) against baseline (x2 of n2), with the verdict.</summary>
    public static RunComparison Test(int currentPassed, int currentScored, int baselinePassed, int baselineScored)
    {
        var comparison = new RunComparison
        {
            Verdict = ComparisonVerdict.Unchanged,
            BaselineScored = baselineScored,
            BaselinePassed = baselinePassed,
            BaselinePassRate = baselineScored == 0 ? null : (double)baselinePassed / baselineScored,
            CurrentScored = currentScored,
            CurrentPassed = currentPassed,
            CurrentPassRate = currentScored == 0 ? null : (double)currentPassed / currentScored,
        };
        if (currentScored == 0 || baselineScored == 0)
        {
            return comparison with { Note = "One side has no scored responses: nothing to test." };
        }

        var (x1, n1, x2, n2) = (currentPassed, currentScored, baselinePassed, baselineScored);
        var useZ = Proportions.ZTestApplies(x1, n1, x2, n2);
        var p = useZ ? Proportions.TwoProportionZTest(x1, n1, x2, n2) : Proportions.FisherExact(x1, n1, x2, n2);
        var difference = (double)x1 / n1 - (double)x2 / n2;
        var (low, high) = Proportions.NewcombeDifference(x1, n1, x2, n2)!.Value;
        return comparison with
        {
            Difference = difference,
            DifferenceCi95 = [low, high],
            PValue = p,
            Test = useZ ? ComparisonTest.TwoProportionZ : ComparisonTest.FisherExact,
            Verdict = p >= Alpha || difference == 0 ? ComparisonVerdict.Unchanged
                : difference > 0 ? ComparisonVerdict.Improved : ComparisonVerdict.Regressed,
        };
    }

    /// <summary>The suite: the matched runs pooled (current against their baselines), with the runs' verdicts counted.</summary>
    public static SuiteComparison Suite(string baselineReportUuid, IReadOnlyList<RunComparison?> runs)
    {
        var matched = runs.OfType<RunComparison>().Where(r => r.Verdict != ComparisonVerdict.New).ToList();
        var pooled = Test(matched.Sum(r => r.CurrentPassed), matched.Sum(r => r.CurrentScored),
            matched.Sum(r => r.BaselinePassed), matched.Sum(r => r.BaselineScored));
        return new SuiteComparison
        {
            BaselineEvalSuiteReportUuid = baselineReportUuid,
            Verdict = matched.Count == 0 ? ComparisonVerdict.New : pooled.Verdict,
            RunsImproved = matched.Count(r => r.Verdict == ComparisonVerdict.Improved),
            RunsRegressed = matched.Count(r => r.Verdict == ComparisonVerdict.Regressed),
            RunsUnchanged = matched.Count(r => r.Verdict == ComparisonVerdict.Unchanged),
            RunsNew = runs.Count(r => r is null || r.Verdict == ComparisonVerdict.New),
            BaselinePassRate = matched.Count == 0 ? null : pooled.BaselinePassRate,
            CurrentPassRate = matched.Count == 0 ? null : pooled.CurrentPassRate,
            Difference = pooled.Difference,
            DifferenceCi95 = pooled.DifferenceCi95,
            PValue = pooled.PValue,
            Test = pooled.Test,
            RegressedPromptCount = matched.Sum(r => r.RegressedPromptCount),
            FixedPromptCount = matched.Sum(r => r.FixedPromptCount),
        };
    }
}
