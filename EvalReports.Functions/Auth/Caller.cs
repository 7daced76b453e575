namespace EvalReports.Auth;

/// <summary>Who is calling: the workspace their API key belongs to.</summary>
public sealed record Caller(string WorkspaceUuid, string KeyId);
