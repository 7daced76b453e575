using System.Text.Json;
using System.Text.Json.Serialization;

namespace EvalReports.Contracts;

/// <summary>
/// Compile-time JSON metadata for the shapes on the hot paths (imports, stored prompts and responses, reports), so
/// they are (de)serialized without reflection. Its options mirror <see cref="Json.Options"/>; any other type falls
/// back to reflection there.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.Strict,
    MaxDepth = 64)]
[JsonSerializable(typeof(EvalRunImport))]
[JsonSerializable(typeof(EvalRunResult))]
[JsonSerializable(typeof(ScoredResponse))]
[JsonSerializable(typeof(ScoredResponse[]))]
[JsonSerializable(typeof(EvalPrompt[]))]
[JsonSerializable(typeof(EvalPrompt))]
[JsonSerializable(typeof(Eval))]
[JsonSerializable(typeof(EvalSuiteReport))]
[JsonSerializable(typeof(CreateReportRequest))]
[JsonSerializable(typeof(PagedList<EvalRunResult>))]
[JsonSerializable(typeof(PagedList<ScoredResponse>))]
[JsonSerializable(typeof(PagedList<EvalSuiteReport>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<EvalRunExample>))]
[JsonSerializable(typeof(PagedList<Eval>))]
[JsonSerializable(typeof(PagedList<EvalPrompt>))]
[JsonSerializable(typeof(ReportStats))]
[JsonSerializable(typeof(RunComparison))]
[JsonSerializable(typeof(SuiteComparison))]
internal sealed partial class JsonContext : JsonSerializerContext;
