using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace EvalReports.Summaries.Llm;

/// <summary>
/// Has a chat model write each run's three fields around numbers computed in code. The embedded summary is always
/// computed first (it also yields the digest the suite summary is built from); when the model cannot be reached, its
/// answer fails the checks twice, or the run's deadline passes, that embedded summary is used and recorded as
/// "embedded". Never throws for a model problem, so the Durable activity retry never multiplies model calls.
/// Runs with categories get one section per category in each field, as the embedded summarizer writes them (see
/// <see cref="CategoryChecks"/> and <see cref="CategorySummary"/>).
/// The overall (suite) summaries are always written by the embedded summarizer from the digests.
/// </summary>
public sealed class LlmSummarizer(ModelCaller caller, LlmOptions options, TimeProvider clock, ILogger<LlmSummarizer> logger) : ISummarizer
{
    public const string SummarizerName = "llm";

    /// <summary>Tokens kept free in every call for the retry note and tokenizer differences between models.</summary>
    public const int SafetyMargin = 256;

    /// <summary>Answer tokens reserved per category of a categorized run (three sections).</summary>
    public const int PerCategoryOutputTokens = 600;

    public string Name => SummarizerName;

    public async Task<RunSummary> SummarizeRunAsync(RunSummaryInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var embedded = EmbeddedSummarizer.SummarizeRun(input);
        var fallback = embedded with { Summarizer = EmbeddedSummarizer.SummarizerName };
        if (embedded.Digest.Scored == 0)
        {
            return fallback; // nothing scored: there is nothing for a model to add
        }

        if (caller.CircuitOpen)
        {
            logger.LogWarning("Eval run {EvalRunUuid}: the model is skipped for now (circuit open); using the embedded summarizer.", input.Run.EvalRunUuid);
            return fallback;
        }

        using var deadline = new CancellationTokenSource(options.RunDeadline, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var draft = await WriteAsync(RunFacts.From(input, embedded.Digest), linked.Token);
            return new RunSummary(draft.PassingResponsesSummary!, draft.FailingResponsesSummary!, draft.ImprovementAdvice!, embedded.Digest)
            {
                Summarizer = SummarizerName,
            };
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Eval run {EvalRunUuid}: the LLM summary was not used ({Reason}); using the embedded summarizer.", input.Run.EvalRunUuid, Reason(error, deadline));
            return fallback;
        }
    }

    public Task<SuiteSummary> SummarizeSuiteAsync(IReadOnlyList<RunDigest> runs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(SuiteSummaryWriter.Write(runs));
    }

    private async Task<SummaryDraft> WriteAsync(RunFacts facts, CancellationToken ct)
    {
        var items = DataItem.From(facts);
        var fixedLines = facts.DataLines;
        var scored = facts.Run.Scored;
        var outputTokens = FinalOutputTokens(facts);

        IReadOnlyList<ChatMessage> Final(string block, bool notes, int sampled) => facts.Categorized
            ? Prompts.FinalByCategory(facts, block, notes, sampled, scored)
            : Prompts.Final(facts, block, notes, sampled, scored);

        var emptyBlock = UntrustedBlock.New().Wrap(fixedLines);
        var singleCallBudget = options.ContextTokens - outputTokens - SafetyMargin - TokenCounter.Count(Final(emptyBlock, false, scored));
        var mapHeader = fixedLines[0];
        var chunkBudget = options.ContextTokens - options.MapOutputTokens - SafetyMargin -
                          TokenCounter.Count(MapPrompt(facts, UntrustedBlock.New().Wrap([.. fixedLines.Take(1 + facts.Categories.Count)]), facts.Categories.Count, options.MaxMapCalls, options.MaxMapCalls));
        var notesPerChunk = options.MapOutputTokens + 32 + facts.Categories.Count * 16;
        var plan = SummaryPlan.Make(items, singleCallBudget, chunkBudget, Math.Min(options.MaxMapCalls, Math.Max(0, singleCallBudget) / notesPerChunk));

        var dataBlock = !plan.MapReduce
            ? UntrustedBlock.New().Wrap([.. fixedLines, .. plan.Chunks[0].Select(item => item.Line)])
            : UntrustedBlock.New().Wrap([.. fixedLines, .. await MapAsync(facts, mapHeader, plan, ct)]);

        var messages = Final(dataBlock, plan.MapReduce, plan.Sampled);
        EnsureFits(messages, outputTokens);
        return await AskAsync(messages, outputTokens, answer => FinalAnswer.Check(answer, facts), ct);
    }

    /// <summary>Room for the answer: the configured reserve, or more for a run with many categories.</summary>
    private int FinalOutputTokens(RunFacts facts) =>
        Math.Max(options.FinalOutputTokens, 200 + facts.Categories.Count * PerCategoryOutputTokens);

    private static IReadOnlyList<ChatMessage> MapPrompt(RunFacts facts, string block, int categories, int part, int parts) => facts.Categorized
        ? Prompts.MapByCategory(facts, block, categories, part, parts)
        : Prompts.Map(facts, block, part, parts);

    /// <summary>The map calls; their notes as the JSON lines of the final call's data block (per category when categorized).</summary>
    private async Task<IReadOnlyList<string>> MapAsync(RunFacts facts, string header, SummaryPlan plan, CancellationToken ct)
    {
        using var firstFailure = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var parts = plan.Chunks.Count;
        var calls = plan.Chunks.Select(async (chunk, index) =>
        {
            try
            {
                var part = index + 1;
                var categories = chunk.Select(item => item.Category).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                var names = facts.Categories.Where(category => categories.Contains(category.Id))
                    .Select(category => UntrustedBlock.Line(new JsonObject { ["category"] = category.Id, ["name"] = category.Name }));
                var block = UntrustedBlock.New().Wrap([header, .. names, .. chunk.Select(item => item.Line)]);
                if (facts.Categorized)
                {
                    var categorizedMessages = MapPrompt(facts, block, categories.Count, part, parts);
                    EnsureFits(categorizedMessages, options.MapOutputTokens);
                    var byCategory = await AskAsync<IReadOnlyList<(string Category, string Notes)>>(categorizedMessages, options.MapOutputTokens, answer =>
                    {
                        var notes = MapNotes.ParseByCategory(answer, categories, out var problem);
                        return notes is null ? (null, [new CheckProblem(problem!)]) : (notes, []);
                    }, firstFailure.Token);
                    return byCategory.Select(note => UntrustedBlock.Line(new JsonObject { ["part"] = part, ["category"] = note.Category, ["notes"] = note.Notes })).ToList();
                }

                var messages = MapPrompt(facts, block, 0, part, parts);
                EnsureFits(messages, options.MapOutputTokens);
                var text = await AskAsync<string>(messages, options.MapOutputTokens, answer =>
                {
                    var notes = MapNotes.Parse(answer, out var problem);
                    return notes is null ? (null, [new CheckProblem(problem!)]) : (notes, []);
                }, firstFailure.Token);
                return [UntrustedBlock.Line(new JsonObject { ["part"] = part, ["notes"] = text })];
            }
            catch
            {
                await firstFailure.CancelAsync(); // one failed part fails the LLM path: stop the others early
                throw;
            }
        }).ToList();
        try
        {
            return (await Task.WhenAll(calls)).SelectMany(lines => lines).ToList();
        }
        catch
        {
            // Report the first real failure rather than a sibling's cancellation.
            var failed = calls.Where(call => call.IsFaulted).Select(call => call.Exception!.InnerException!).FirstOrDefault();
            if (failed is not null) throw failed;
            throw;
        }
    }

    /// <summary>Asks, checks, and asks once more with the rejected answer and its problems; a second rejection gives up.</summary>
    private async Task<T> AskAsync<T>(IReadOnlyList<ChatMessage> messages, int maxOutputTokens, Func<string, (T? Value, IReadOnlyList<CheckProblem> Problems)> check, CancellationToken ct)
        where T : class
    {
        var request = messages;
        IReadOnlyList<CheckProblem> problems = [];
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var answer = await caller.CompleteAsync(request, maxOutputTokens, ct);
            (var value, problems) = check(answer);
            if (value is not null && problems.Count == 0) return value;
            request = FittingRetry(messages, answer, problems, maxOutputTokens);
        }

        throw new SummaryRejectedException(problems);
    }

    /// <summary>
    /// The retry with the rejected answer and the quoted sentences; when that would not fit the context, without the
    /// echoed answer, then without the quotes (the reasons alone always fit: the budget keeps <see cref="SafetyMargin"/>).
    /// </summary>
    private IReadOnlyList<ChatMessage> FittingRetry(IReadOnlyList<ChatMessage> messages, string answer, IReadOnlyList<CheckProblem> problems, int outputTokens)
    {
        bool Fits(IReadOnlyList<ChatMessage> request) => TokenCounter.Count(request) + outputTokens <= options.ContextTokens;
        var full = Prompts.Retry(messages, answer, problems);
        if (Fits(full)) return full;
        var withoutAnswer = Prompts.Retry(messages, Prompts.AnswerTooLongToRepeat, problems);
        if (Fits(withoutAnswer)) return withoutAnswer;
        return Prompts.Retry(messages, Prompts.AnswerTooLongToRepeat, [.. problems.Select(problem => problem with { Sentence = null })]);
    }

    private void EnsureFits(IReadOnlyList<ChatMessage> messages, int outputTokens)
    {
        var tokens = TokenCounter.Count(messages) + outputTokens + SafetyMargin;
        if (tokens > options.ContextTokens)
        {
            throw new InvalidOperationException($"A prompt needs {tokens} tokens, more than the {options.ContextTokens}-token budget.");
        }
    }

    private static string Reason(Exception error, CancellationTokenSource deadline) => error switch
    {
        OperationCanceledException when deadline.IsCancellationRequested => "the run's deadline passed",
        SummaryRejectedException or ModelUnavailableException or InvalidOperationException => error.Message,
        _ => error.GetType().Name,
    };
}
