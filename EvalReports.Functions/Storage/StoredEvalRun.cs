using EvalReports.Contracts;

namespace EvalReports.Storage;

/// <summary>
/// An eval run's header as stored, with where its prompts and responses live (in <see cref="ItemBlocks"/>).
/// </summary>
public sealed record StoredEvalRun(EvalRunResult Run, string ItemsPartition, int PromptCount, int ResponseCount);
