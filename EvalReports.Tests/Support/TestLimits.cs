namespace EvalReports.Tests.Support;

/// <summary>The limits tests run with: the app's constants, except the active-report caps.</summary>
public static class TestLimits
{
    /// <summary>Tests queue many reports in one workspace without running them; the caps have tests of their own.</summary>
    public static EvalReportsLimits Default { get; } = new() { MaxActiveReports = 1_000, MaxActiveSandboxReports = 1_000 };
}
