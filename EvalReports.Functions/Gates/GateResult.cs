namespace EvalReports.Gates;

/// <summary>Body of GET /v2/eval-reports/{id}/gate: passed, and every reason it did not, per run and overall.</summary>
public sealed record GateResult(
    bool Passed,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<RunGate> Runs,
    OverallGate Overall,
    GateRules Rules,
    IReadOnlyList<string> Notes);

public sealed record RunGate(string EvalRunUuid, string Name, bool Passed, IReadOnlyList<string> Reasons, double? PassRate, int? RegressedPrompts);

public sealed record OverallGate(bool Passed, IReadOnlyList<string> Reasons, double? PassRate, int? RegressedPrompts);

public sealed record GateRules(double? MinPassRate, int? MaxRegressions);
