using Microsoft.Extensions.AI;

namespace EvalReports.Tests.Summaries.Llm;

/// <summary>An in-memory <see cref="IChatClient"/>: answers with a script, records every request and the most calls in flight at once.</summary>
public sealed class FakeChatClient(Func<FakeChatClient.Request, CancellationToken, Task<string>> answer) : IChatClient
{
    private readonly Lock gate = new();
    private int inFlight;

    public FakeChatClient(Func<Request, string> answer) : this((request, _) => Task.FromResult(answer(request)))
    {
    }

    public sealed record Request(int Number, string System, string User, IReadOnlyList<ChatMessage> Messages, ChatOptions? Options);

    public List<Request> Requests { get; } = [];

    public int MaxInFlight { get; private set; }

    public int CurrentInFlight
    {
        get
        {
            lock (gate) return inFlight;
        }
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Request request;
        lock (gate)
        {
            request = new Request(
                Requests.Count + 1,
                string.Join("\n", list.Where(m => m.Role == ChatRole.System).Select(m => m.Text)),
                string.Join("\n", list.Where(m => m.Role == ChatRole.User).Select(m => m.Text)),
                list,
                options);
            Requests.Add(request);
            MaxInFlight = Math.Max(MaxInFlight, ++inFlight);
        }

        try
        {
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, await answer(request, cancellationToken)));
        }
        finally
        {
            lock (gate) inFlight--;
        }
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The summarizer never streams.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
