using EvalReports.Contracts;
using EvalReports.Summaries;

namespace EvalReports.LlmLoop;

/// <summary>An eval-run JSON file (the POST /v2/eval-runs body) as summarizer input, as the import would store it.</summary>
internal static class SampleRun
{
    public static RunSummaryInput Read(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var import = Json.Deserialize<EvalRunImport>(File.ReadAllText(file)) ?? throw new InvalidDataException($"{file} is not an eval run");
        return new RunSummaryInput(
            new EvalRunResult
            {
                EvalRunUuid = import.EvalRunUuid ?? name,
                EvalUuid = import.EvalUuid ?? name,
                Name = import.Name ?? import.Evaluation?.Name,
                Status = "finished",
                CreatedAt = DateTimeOffset.UnixEpoch,
                UpdatedAt = DateTimeOffset.UnixEpoch,
                Evaluation = import.Evaluation,
                AiDescription = import.AiDescription ?? import.Evaluation?.AiDescription,
                WorkspaceUuid = "llm-loop",
            },
            import.Prompts ?? [],
            import.Responses ?? []);
    }
}
