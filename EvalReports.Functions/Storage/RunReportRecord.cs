using EvalReports.Contracts;
using EvalReports.Summaries;

namespace EvalReports.Storage;

/// <summary>One run's report inside a suite report, with the digest the overall summary is built from.</summary>
public sealed record RunReportRecord(EvalRunReport Report, RunDigest Digest, int Ordinal);
