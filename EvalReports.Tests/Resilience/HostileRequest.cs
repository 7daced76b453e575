using System.Text;

namespace EvalReports.Tests.Resilience;

/// <summary>
/// One request that must be refused. <see cref="Fault"/> is the single thing wrong with it (everything else is
/// valid or harmless noise), so the expected status is known; 0 means "a path trick that may change the route":
/// any 4xx, from the app (in the envelope) or from routing (no route matched).
/// </summary>
public sealed record HostileRequest(
    string Endpoint, string Method, string Target, IReadOnlyList<(string Name, string Value)> Headers, byte[]? Body, string Fault, int ExpectedStatus)
{
    public override string ToString()
    {
        var body = Body is null ? "" : Encoding.UTF8.GetString(Body);
        var target = Target.Length > 200 ? Target[..200] + $"…({Target.Length})" : Target;
        return $"{Endpoint} [{Fault}] {Method} {target} headers=[{string.Join("; ", Headers.Select(h => $"{h.Name}: {Shorten(h.Value, 80)}"))}] body={Shorten(body, 300)}";
    }

    private static string Shorten(string text, int max) => text.Length > max ? text[..max] + $"…({text.Length})" : text;
}

/// <summary>What the corpus is allowed to aim at: data seeded before the attack, which must come out untouched.</summary>
public sealed record SeededData(string DevKey, string Workspace, string RunUuid, string ReportUuid, string KeyId, string RevokedKey, string OtherWorkspace)
{
    /// <summary>A key of the workspace that the corpus must leave working.</summary>
    public string LiveKey { get; init; } = "";
}
