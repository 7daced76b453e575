using EvalReports.Contracts;

namespace EvalReports.Storage;

/// <summary>
/// An eval run's header as stored, with where its prompts and responses live and how many items each stored document
/// holds (<see cref="ItemBlocks"/>; 0 for runs stored with one item per row).
/// </summary>
public sealed record StoredEvalRun(EvalRunResult Run, string ItemsPartition, int PromptCount, int ResponseCount, int ItemsPerRow);
