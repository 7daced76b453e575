using EvalReports.Auth;
using EvalReports.Contracts;
using EvalReports.Errors;
using EvalReports.Storage;

namespace EvalReports.Runs;

/// <summary>What the /v2/eval-runs endpoints do, free of HTTP: import already-scored runs and read them back.</summary>
public sealed class EvalRunService(EvalRunStore runs, EvalReportsLimits limits, TimeProvider clock)
{
    public const int MaxNameLength = 1_000;
    public const int MaxPrompts = 100_000;

    /// <param name="newRunUuid">The uuid of a run whose import names none (an Idempotency-Key's claim holds it).</param>
    public async Task<EvalRunResult> ImportAsync(Caller caller, EvalRunImport import, string? newRunUuid = null, CancellationToken ct = default)
    {
        var evalUuid = Ids.Require(import.EvalUuid, "eval_uuid");
        var runUuid = import.EvalRunUuid is null ? newRunUuid ?? Ids.NewUuid() : Ids.Require(import.EvalRunUuid, "eval_run_uuid");
        var prompts = import.Prompts ?? [];
        var responses = import.Responses ?? [];
        Validate(import, prompts, responses);
        prompts = CategoryNames.Normalize(prompts);

        var scored = responses.Where(r => r.IsScored).ToList();
        var passed = scored.Count(r => r.IsPassed == true);
        var now = clock.GetUtcNow();
        var run = new EvalRunResult
        {
            EvalRunUuid = runUuid,
            EvalUuid = evalUuid,
            Name = import.Name ?? import.Evaluation?.Name,
            Status = "finished",
            CreatedAt = now,
            UpdatedAt = now,
            Evaluation = import.Evaluation is null ? null : import.Evaluation with
            {
                EvalUuid = import.Evaluation.EvalUuid ?? evalUuid,
                WorkspaceUuid = caller.WorkspaceUuid,
            },
            AiDescription = import.AiDescription ?? import.Evaluation?.AiDescription,
            WorkspaceUuid = caller.WorkspaceUuid,
            PassRate = scored.Count == 0 ? null : (double)passed / scored.Count,
            NumPrompts = prompts.Count > 0 ? prompts.Count : responses.Select(r => r.PromptUuid).Distinct(StringComparer.Ordinal).Count(),
            NumResponsesScored = scored.Count,
            EvalRunExamples = import.EvalRunExamples,
            IsSandbox = import.IsSandbox ?? import.Evaluation?.IsSandbox ?? false,
            ContinueThread = import.ContinueThread,
        };

        if (!await runs.CreateAsync(run, prompts, responses, ct))
        {
            throw ApiErrors.Conflict($"Eval run {runUuid} already exists.", new Dictionary<string, object?> { ["eval_run_uuid"] = runUuid });
        }

        return run;
    }

    public async Task<EvalRunResult> GetAsync(Caller caller, string runUuid, CancellationToken ct = default) =>
        (await runs.GetAsync(caller.WorkspaceUuid, runUuid, ct) ?? throw RunNotFound()).Run;

    public Task<PagedList<EvalRunResult>> ListAsync(Caller caller, string? evalUuid, int limit, int offset, CancellationToken ct = default) =>
        runs.ListAsync(caller.WorkspaceUuid, evalUuid is null ? null : Ids.Require(evalUuid, "eval_uuid"), limit, offset, ct);

    public async Task<PagedList<ScoredResponse>> ListResponsesAsync(Caller caller, string runUuid, int limit, int offset, CancellationToken ct = default)
    {
        var stored = await runs.GetAsync(caller.WorkspaceUuid, runUuid, ct) ?? throw RunNotFound();
        var items = new List<ScoredResponse>(Math.Min(limit, stored.ResponseCount));
        await foreach (var response in runs.ReadResponsesAsync(stored, offset, limit, ct))
        {
            items.Add(response);
        }

        return new PagedList<ScoredResponse>(items, stored.ResponseCount);
    }

    public async Task DeleteAsync(Caller caller, string runUuid, CancellationToken ct = default)
    {
        if (!await runs.DeleteAsync(caller.WorkspaceUuid, runUuid, ct))
        {
            throw RunNotFound();
        }
    }

    private void Validate(EvalRunImport import, IReadOnlyList<EvalPrompt> prompts, IReadOnlyList<ScoredResponse> responses)
    {
        if (import.Name is { Length: > MaxNameLength })
        {
            throw ApiErrors.InvalidRequest($"name is longer than {MaxNameLength} characters.", "name");
        }

        if (responses.Count > limits.MaxResponsesPerRun)
        {
            throw ApiErrors.InvalidRequest($"An eval run holds at most {limits.MaxResponsesPerRun} responses; {responses.Count} were given.", "responses");
        }

        if (prompts.Count > MaxPrompts)
        {
            throw ApiErrors.InvalidRequest($"An eval run holds at most {MaxPrompts} prompts.", "prompts");
        }

        for (var i = 0; i < prompts.Count; i++)
        {
            if (prompts[i] is null)
            {
                throw ApiErrors.InvalidRequest($"prompts[{i}] must be an object.", $"prompts[{i}]");
            }

            if (string.IsNullOrEmpty(prompts[i].PromptUuid))
            {
                throw ApiErrors.InvalidRequest($"prompts[{i}].prompt_uuid is required.", $"prompts[{i}].prompt_uuid");
            }
        }

        for (var i = 0; i < responses.Count; i++)
        {
            var response = responses[i];
            if (response is null)
            {
                throw ApiErrors.InvalidRequest($"responses[{i}] must be an object.", $"responses[{i}]");
            }

            if (string.IsNullOrEmpty(response.PromptUuid))
            {
                throw ApiErrors.InvalidRequest($"responses[{i}].prompt_uuid is required.", $"responses[{i}].prompt_uuid");
            }

            if (response.IsScored && response.IsPassed is null)
            {
                throw ApiErrors.InvalidRequest(
                    $"responses[{i}].is_passed is required for a response that is not excluded from scoring.", $"responses[{i}].is_passed");
            }

            if (response.Confidence is < 0 or > 1)
            {
                throw ApiErrors.InvalidRequest($"responses[{i}].confidence must be between 0 and 1.", $"responses[{i}].confidence");
            }
        }

        new TextLimits(limits.MaxTextChars).Check(import, prompts, responses);
        RunExamples.Check(import.EvalRunExamples);
        RowLimits.Check(import, prompts);
    }

    private static ApiException RunNotFound() => ApiErrors.NotFound("Eval run not found.");
}
