using EvalReports.Auth;
using EvalReports.Contracts;
using EvalReports.Errors;
using EvalReports.Storage;

namespace EvalReports.Evals;

/// <summary>
/// The /v2/evals endpoints, served from what imports store: an eval exists in a workspace while at least one of its
/// runs does. Its object is the <c>evaluation</c> of its newest run that carries one (else a minimal Eval built from
/// the run), and its prompts are those of its newest run that has prompts, in import order. Workspace-scoped like
/// every other read: another workspace's eval is a 404.
/// </summary>
public sealed class EvalService(EvalRunStore runs)
{
    public async Task<PagedList<Eval>> ListAsync(Caller caller, int limit, int offset, CancellationToken ct = default)
    {
        var all = await AllRunsAsync(caller, null, ct);
        var evals = all
            .GroupBy(r => r.EvalUuid, StringComparer.Ordinal)
            .Select(g => ToEval(g.ToList(), null))
            .ToList();
        return new PagedList<Eval>(evals.Skip(offset).Take(limit).ToList(), evals.Count);
    }

    public async Task<Eval> GetAsync(Caller caller, string evalUuid, CancellationToken ct = default)
    {
        // List rows leave the evaluation out (it runs to 200,000 characters): read it from the newest run's header.
        var ofEval = await RunsOfAsync(caller, evalUuid, ct);
        foreach (var run in ofEval)
        {
            if (await runs.GetAsync(caller.WorkspaceUuid, run.EvalRunUuid, ct) is { Run.Evaluation: not null } stored)
            {
                return ToEval(ofEval, stored.Run.Evaluation);
            }
        }

        return ToEval(ofEval, null);
    }

    /// <summary>
    /// The eval's prompts: those of its newest run that has any (an eval's runs share its prompt set), one page read
    /// from only the rows that hold it, so paging through a 20,000-prompt eval costs one block read per page.
    /// </summary>
    public async Task<PagedList<EvalPrompt>> ListPromptsAsync(Caller caller, string evalUuid, int limit, int offset, CancellationToken ct = default)
    {
        foreach (var run in await RunsOfAsync(caller, evalUuid, ct))
        {
            if (run.NumPrompts == 0 || await runs.GetAsync(caller.WorkspaceUuid, run.EvalRunUuid, ct) is not { PromptCount: > 0 } stored)
            {
                continue; // no prompts stored with it, or deleted since the list was read
            }

            var page = new List<EvalPrompt>(Math.Min(limit, stored.PromptCount));
            await foreach (var prompt in runs.ReadPromptsAsync(stored, offset, limit, ct))
            {
                page.Add(prompt);
            }

            return new PagedList<EvalPrompt>(page, stored.PromptCount);
        }

        return new PagedList<EvalPrompt>([], 0);
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
    /// <param name="evaluation">The newest stored evaluation of the eval, when it was read (list rows carry none).</param>
    private static Eval ToEval(List<EvalRunResult> ofEval, Eval? evaluation)
    {
        var newest = ofEval[0];
        var eval = evaluation ?? new Eval { Name = newest.Name, AiDescription = newest.AiDescription };
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
