namespace EvalReports.Contracts;

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Count);
