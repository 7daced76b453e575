using EvalReports.Functions;
using Microsoft.DurableTask.Testing;

namespace EvalReports.Tests.Support;

/// <summary>
/// A real Durable Task backend in-process (<see cref="DurableTaskTestHost"/>) running the app's orchestrator and
/// activity adapters as <see cref="DurableTasks"/> registers them, with their real dependencies from
/// <see cref="TestApp"/>; optionally every activity execution goes through an <see cref="IActivityInterceptor"/>.
/// </summary>
public static class InProcessDurable
{
    /// <param name="interceptor">Runs around every activity execution (fault injection, timing).</param>
    /// <param name="logs">When given, the Durable host's own logs go there too.</param>
    public static async Task<DurableTaskTestHost> StartAsync(
        TestApp app, IActivityInterceptor? interceptor = null, Microsoft.Extensions.Logging.ILoggerFactory? logs = null)
    {
        // The test host picks a random port in 30000-40000 without checking it is free, and that range overlaps the
        // ephemeral ports of this process's own Azurite connections: ask the OS for a free port, and try again if it
        // was taken in between.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(app, interceptor, logs, FreeLoopbackPort());
            }
            catch (IOException e) when (attempt < 5 && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task<DurableTaskTestHost> StartOnceAsync(
        TestApp app, IActivityInterceptor? interceptor, Microsoft.Extensions.Logging.ILoggerFactory? logs, int port)
    {
        // The test host's gRPC sidecar is built with Host.CreateDefaultBuilder, which logs every gRPC call to the
        // console at Information (thousands of lines per test run); it reads environment variables, so keep it to warnings.
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        var functions = app.Get<SuiteReportFunctions>();
        var hooks = interceptor is null ? null : new ActivityHooks(interceptor);
        return DurableTaskTestHost.StartAsync(
            tasks => DurableTasks.Register(tasks, functions, hooks), new DurableTaskTestHostOptions { LoggerFactory = logs, Port = port });
    }

    private sealed class ActivityHooks(IActivityInterceptor interceptor) : IDurableTaskHooks
    {
        public Task<T> RunActivityAsync<T>(string name, object input, Func<Task<T>> run) => interceptor.InvokeAsync(name, input, run);
    }
}
