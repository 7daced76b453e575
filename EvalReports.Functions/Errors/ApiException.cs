namespace EvalReports.Errors;

/// <summary>A failure the caller is told about in the contract's error envelope.</summary>
public sealed class ApiException(int status, string code, string message, IReadOnlyDictionary<string, object?>? details = null)
    : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();
}
