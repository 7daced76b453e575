namespace EvalReports.Contracts;

public sealed record ErrorEnvelope(ErrorBody Error, string RequestId);

public sealed record ErrorBody(string Code, string Message, IReadOnlyDictionary<string, object?> Details);
