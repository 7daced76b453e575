using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace EvalReports.Tests.Summaries.Llm;

/// <summary>
/// An OpenAI-compatible endpoint on 127.0.0.1 (a free port) served by the test: POST /v1/chat/completions, JSON,
/// non-streaming. Each request goes to a script that returns the assistant's text or an HTTP error.
/// </summary>
public sealed class LocalOpenAiServer : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Func<Request, Reply> script;
    private readonly Task loop;
    private readonly Lock gate = new();
    private readonly List<Request> requests = [];
    private readonly CancellationTokenSource stopping = new();

    public LocalOpenAiServer(Func<Request, Reply> script)
    {
        this.script = script;
        Port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public sealed record Request(int Number, string Path, string? Authorization, JsonObject Body, string System, string User);

    /// <summary>An assistant message (<paramref name="Content"/>) or an error status with optional headers.</summary>
    /// <param name="Delay">How long to wait before answering (a hanging model: longer than the client's timeout).</param>
    public sealed record Reply(int Status, string? Content = null, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan? Delay = null, string? ErrorCode = null)
    {
        public static Reply Ok(string content) => new(200, content);
    }

    public int Port { get; }

    /// <summary>The root, as an Azure OpenAI endpoint would be given (EVALREPORTS_AZURE_OPENAI_ENDPOINT).</summary>
    public Uri Root => new($"http://127.0.0.1:{Port}/");

    /// <summary>The base URL to configure (EVALREPORTS_OPENAI_BASE_URL).</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/v1");

    public IReadOnlyList<Request> Requests
    {
        get
        {
            lock (gate) return [.. requests];
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (!listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var response = context.Response;
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = JsonNode.Parse(reader.ReadToEnd())!.AsObject();
            var messages = body["messages"]!.AsArray();
            Request request;
            lock (gate)
            {
                request = new Request(
                    requests.Count + 1,
                    context.Request.Url!.AbsolutePath,
                    context.Request.Headers["Authorization"],
                    body,
                    TextOf(messages, "system"),
                    TextOf(messages, "user"));
                requests.Add(request);
            }

            var reply = request.Path is "/v1/chat/completions" or "/openai/v1/chat/completions" && context.Request.HttpMethod == "POST"
                ? script(request)
                : new Reply(404);
            if (reply.Delay is { } delay)
            {
                try
                {
                    await Task.Delay(delay, stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            response.StatusCode = reply.Status;
            foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>()) response.Headers[name] = value;
            var json = reply.Status == 200 ? Completion(reply.Content!) : new JsonObject { ["error"] = new JsonObject { ["message"] = $"scripted {reply.Status}", ["type"] = "test", ["code"] = reply.ErrorCode } }.ToJsonString();
            var bytes = Encoding.UTF8.GetBytes(json);
            response.ContentType = "application/json";
            response.ContentLength64 = bytes.Length;
            response.OutputStream.Write(bytes);
        }
        catch (Exception error)
        {
            response.StatusCode = 500;
            var bytes = Encoding.UTF8.GetBytes(error.GetType().Name);
            response.OutputStream.Write(bytes);
        }
    }

    /// <summary>"content" may be a string or an array of text parts.</summary>
    private static string TextOf(JsonArray messages, string role) => string.Join("\n", messages
        .Where(m => m!["role"]!.GetValue<string>() == role)
        .Select(m => m!["content"] switch
        {
            JsonValue value => value.GetValue<string>(),
            JsonArray parts => string.Concat(parts.Select(p => p!["text"]?.GetValue<string>())),
            _ => string.Empty,
        }));

    private static string Completion(string content) => new JsonObject
    {
        ["id"] = "chatcmpl-test",
        ["object"] = "chat.completion",
        ["created"] = 1_700_000_000,
        ["model"] = "test-model",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
            ["finish_reason"] = "stop",
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 10, ["total_tokens"] = 20 },
    }.ToJsonString();

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        listener.Close();
        await loop;
    }
}
