using EvalReports.Api;
using EvalReports.Auth;
using EvalReports.Contracts;
using EvalReports.Storage;

namespace EvalReports.Evals;

/// <summary>
/// The /v2/evals endpoints, served from what imports store: an eval exists in a workspace while at least one of its
/// runs does. Its object is the <c>evaluation</c> of its newest run that carries one (else a minimal Eval built from
/// the run), and its prompts are the distinct prompts (by <c>prompt_uuid</c>) of its runs, oldest run first, each
/// in import order. Workspace-scoped like every other read: another workspace's eval is a 404.
/// </summary>
public sealed class EvalService(EvalRunStore runs)
{
    public async Task<PagedList<Eval>> ListAsync(Caller caller, int limit, int offset, CancellationToken ct = default)
    {
        var all = await AllRunsAsync(caller, null, ct);
        var evals = all
            .GroupBy(r => r.EvalUuid, StringComparer.Ordinal)
            .Select(g => ToEval(g.ToList()))
            .ToList();
        return new PagedList<Eval>(evals.Skip(offset).Take(limit).ToList(), evals.Count);
    }

    public async Task<Eval> GetAsync(Caller caller, string evalUuid, CancellationToken ct = default) =>
        ToEval(await RunsOfAsync(caller, evalUuid, ct));

    public async Task<PagedList<EvalPrompt>> ListPromptsAsync(Caller caller, string evalUuid, int limit, int offset, CancellationToken ct = default)
    {
        var ofEval = await RunsOfAsync(caller, evalUuid, ct);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var page = new List<EvalPrompt>(limit);
        foreach (var run in Enumerable.Reverse(ofEval))
        {
            var stored = await runs.GetAsync(caller.WorkspaceUuid, run.EvalRunUuid, ct);
            if (stored is null)
            {
                continue; // deleted since the list was read
            }

            await foreach (var prompt in runs.ReadPromptsAsync(stored, ct))
            {
                if (prompt.PromptUuid is { } id && seen.Add(id) && seen.Count > offset && page.Count < limit)
                {
                    page.Add(prompt);
                }
            }
        }

        return new PagedList<EvalPrompt>(page, seen.Count);
    }

    /// <summary>The eval's runs in this workspace, newest first; 404 when there are none.</summary>
    private async Task<List<EvalRunResult>> RunsOfAsync(Caller caller, string evalUuid, CancellationToken ct)
    {
        var ofEval = await AllRunsAsync(caller, evalUuid, ct);
        return ofEval.Count > 0 ? ofEval : throw ApiErrors.NotFound("Eval not found.");
    }

    private async Task<List<EvalRunResult>> AllRunsAsync(Caller caller, string? evalUuid, CancellationToken ct) =>
        [.. (await runs.ListAsync(caller.WorkspaceUuid, evalUuid, int.MaxValue, 0, ct)).Items];

    /// <param name="ofEval">The eval's runs, newest first.</param>
    private static Eval ToEval(List<EvalRunResult> ofEval)
    {
        var newest = ofEval[0];
        var source = ofEval.FirstOrDefault(r => r.Evaluation is not null);
        var eval = source?.Evaluation ?? new Eval { Name = newest.Name, AiDescription = newest.AiDescription };
        return eval with
        {
            EvalUuid = newest.EvalUuid,
            WorkspaceUuid = newest.WorkspaceUuid,
            AiDescription = eval.AiDescription ?? newest.AiDescription,
            Status = eval.Status ?? "finished",
            NumPrompts = eval.NumPrompts ?? newest.NumPrompts,
            CreatedAt = eval.CreatedAt ?? ofEval[^1].CreatedAt,
            UpdatedAt = eval.UpdatedAt ?? newest.UpdatedAt,
        };
    }
}
