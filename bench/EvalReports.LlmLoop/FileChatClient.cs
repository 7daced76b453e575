using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace EvalReports.LlmLoop;

/// <summary>
/// A chat client that writes every request it gets to <c>&lt;out&gt;/&lt;run&gt;.&lt;n&gt;.request.json</c> (the
/// OpenAI chat-completions body: what a real endpoint would receive) and <c>.request.txt</c> (the same, readable), and
/// answers with <c>&lt;answers&gt;/&lt;run&gt;.&lt;n&gt;.answer.txt</c> (or <c>.answer.json</c>) when that file exists.
/// Without it the call fails, and the summarizer falls back, as it would with an unreachable model.
/// </summary>
internal sealed class FileChatClient(string run, string outDir, string? answersDir) : IChatClient
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public sealed record Call(int Number, string RequestPath, bool IsRetry, string? Problems, string? AnswerPath);

    public List<Call> Calls { get; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var number = Calls.Count + 1;
        var stem = Path.Combine(outDir, $"{run}.{number}");
        var body = new JsonObject
        {
            ["model"] = "stand-in",
            ["temperature"] = options?.Temperature,
            ["max_completion_tokens"] = options?.MaxOutputTokens,
            ["response_format"] = new JsonObject { ["type"] = "json_object" },
            ["messages"] = new JsonArray([.. list.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role.Value, ["content"] = m.Text })]),
        };
        File.WriteAllText(stem + ".request.json", body.ToJsonString(Pretty));
        File.WriteAllText(stem + ".request.txt", string.Join("\n\n", list.Select(m => $"===== {m.Role.Value} =====\n{m.Text}")));

        var isRetry = list.Any(m => m.Role == ChatRole.Assistant);
        var problems = isRetry ? list[^1].Text : null;
        var answer = answersDir is null ? null : new[] { ".answer.txt", ".answer.json" }
            .Select(ext => Path.Combine(answersDir, $"{run}.{number}{ext}"))
            .FirstOrDefault(File.Exists);
        Calls.Add(new Call(number, stem + ".request.json", isRetry, problems, answer));
        if (answer is null)
        {
            throw new FileNotFoundException($"no answer file for request {number} of {run}");
        }

        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, File.ReadAllText(answer))));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The summarizer never streams.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
