namespace EvalReports.Tests.Exports;

/// <summary>The export, gate, share and browser tests share one built scenario (two reports over the samples).</summary>
[CollectionDefinition(Name)]
public sealed class ReportScenarioCollection : ICollectionFixture<ReportScenario>
{
    public const string Name = "report scenario";
}
