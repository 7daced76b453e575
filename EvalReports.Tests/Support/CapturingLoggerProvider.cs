using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EvalReports.Tests.Support;

/// <summary>
/// Records every log entry at every level, as text: category, formatted message, each structured state value,
/// the exception with its stack, and the active scopes.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<string> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var parts = new List<string> { $"{logLevel} {category}: {formatter(state, exception)}" };
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                parts.AddRange(values.Select(v => $"{v.Key}={v.Value}"));
            }

            if (exception is not null)
            {
                parts.Add(exception.ToString());
            }

            owner.scopes.ForEachScope((scope, list) => list.Add($"scope: {scope}"), parts);
            owner.Entries.Enqueue(string.Join("\n", parts));
        }
    }
}
