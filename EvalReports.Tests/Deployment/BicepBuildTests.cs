using System.Text.Json;
using Xunit;

namespace EvalReports.Tests.Deployment;

public class BicepBuildTests
{
    [SkippableFact]
    public void Bicep_builds_main_without_diagnostics()
    {
        BicepCli.RequireBinary();
        var build = BicepCli.MainBuild;

        Assert.True(build.ExitCode == 0, build.Describe());
        var diagnostics = build.Diagnostics(includeStandardOutput: false);
        Assert.True(diagnostics.Count == 0, "bicep build reported:" + Environment.NewLine + string.Join(Environment.NewLine, diagnostics));

        using var template = JsonDocument.Parse(build.StandardOutput);
        Assert.Contains("subscriptionDeploymentTemplate", template.RootElement.GetProperty("$schema").GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Bicep_lint_reports_no_warnings()
    {
        BicepCli.RequireBinary();
        var lint = BicepCli.MainLint;

        Assert.True(lint.ExitCode == 0, lint.Describe());
        var diagnostics = lint.Diagnostics(includeStandardOutput: true);
        Assert.True(diagnostics.Count == 0, "bicep lint reported:" + Environment.NewLine + string.Join(Environment.NewLine, diagnostics));
    }

    [Fact]
    public void The_diagnostic_pattern_recognises_bicep_warnings()
    {
        // Guards the check above: a real linter line must be recognised as a diagnostic.
        var run = new BicepRun("bicep lint x.bicep", 0, "",
            "/x/main.bicep(1,7) : Warning no-unused-params: Parameter \"p\" is declared but never used. [https://aka.ms/bicep/linter-diagnostics#no-unused-params]\n"
            + "/x/main.bicep(3,16) : Error BCP033: Expected a value of type \"int\".\n");

        Assert.Equal(2, run.Diagnostics(includeStandardOutput: false).Count);
    }
}
