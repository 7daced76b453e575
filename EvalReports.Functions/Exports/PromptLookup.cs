using EvalReports.Contracts;

namespace EvalReports.Exports;

/// <summary>
/// Finds the prompt of each response while both stream in import order. Responses usually follow their prompts, so a
/// window of recent prompts read in step with the responses finds nearly every one and memory stays bounded. A
/// response whose prompt is not within the window (imports in another order) switches to a full map of the run's
/// prompts, read once: correct for any order, bounded only for the usual one.
/// </summary>
public sealed class PromptLookup(Func<IAsyncEnumerable<EvalPrompt>> readPrompts, int window = PromptLookup.DefaultWindow) : IAsyncDisposable
{
    public const int DefaultWindow = 2_000;

    private readonly Dictionary<string, EvalPrompt> recent = new(StringComparer.Ordinal);
    private readonly Queue<string> order = new();
    private IAsyncEnumerator<EvalPrompt>? ahead;
    private bool exhausted;
    private Dictionary<string, EvalPrompt>? all;

    /// <summary>True once the full map had to be built (for tests and the benchmark).</summary>
    public bool UsedFullMap => all is not null;

    public async ValueTask<EvalPrompt?> FindAsync(string? promptUuid, CancellationToken ct)
    {
        if (promptUuid is null)
        {
            return null;
        }

        if (all is not null)
        {
            return all.GetValueOrDefault(promptUuid);
        }

        if (recent.TryGetValue(promptUuid, out var found))
        {
            return found;
        }

        ahead ??= readPrompts().GetAsyncEnumerator(ct);
        for (var read = 0; !exhausted && read < window; read++)
        {
            if (!await ahead.MoveNextAsync())
            {
                exhausted = true;
                break;
            }

            var prompt = ahead.Current;
            if (prompt?.PromptUuid is not { } id || !recent.TryAdd(id, prompt))
            {
                continue;
            }

            order.Enqueue(id);
            if (order.Count > window)
            {
                recent.Remove(order.Dequeue());
            }

            if (id == promptUuid)
            {
                return prompt;
            }
        }

        all = new Dictionary<string, EvalPrompt>(StringComparer.Ordinal);
        recent.Clear();
        order.Clear();
        await foreach (var prompt in readPrompts().WithCancellation(ct))
        {
            if (prompt?.PromptUuid is { } id)
            {
                all.TryAdd(id, prompt);
            }
        }

        return all.GetValueOrDefault(promptUuid);
    }

    public async ValueTask DisposeAsync()
    {
        if (ahead is not null)
        {
            await ahead.DisposeAsync();
        }
    }
}
