using EvalReports.Reports;
using Microsoft.DurableTask;

namespace EvalReports.Functions;

/// <summary>
/// The orchestrators and activities of <see cref="SuiteReportFunctions"/>, for a host that takes a
/// <see cref="DurableTaskRegistry"/> (the in-process test host, the benchmark). The Functions host registers the same
/// adapter methods from their [Function] attributes; a test checks that every orchestration and activity [Function]
/// is registered here under its name and input type, so a new activity cannot be missing from the tests.
/// </summary>
public static class DurableTasks
{
    /// <returns>What was registered, in order.</returns>
    public static IReadOnlyList<RegisteredTask> Register(DurableTaskRegistry tasks, SuiteReportFunctions functions, IDurableTaskHooks? hooks = null)
    {
        var around = hooks ?? NoHooks.Instance;
        var registered = new List<RegisteredTask>();

        void Orchestrator<TInput, TOutput>(string name, Func<TaskOrchestrationContext, Task<TOutput>> run)
        {
            tasks.AddOrchestrator(name, new Orchestrator<TInput, TOutput>(name, run, around));
            registered.Add(new RegisteredTask(name, IsOrchestrator: true, typeof(TInput)));
        }

        void Activity<TInput, TOutput>(string name, Func<TInput, Task<TOutput>> run)
        {
            tasks.AddActivityFunc<TInput, TOutput>(name, (_, input) => around.RunActivityAsync(name, input!, () => run(input)));
            registered.Add(new RegisteredTask(name, IsOrchestrator: false, typeof(TInput)));
        }

        Orchestrator<SuiteReportInput, string>(TaskNames.BuildSuiteReport, SuiteReportFunctions.BuildSuiteReport);
        Orchestrator<RunBatchInput, RunBatchOutcome>(TaskNames.BuildRunBatch, SuiteReportFunctions.BuildRunBatch);
        Activity<ReportKey, bool>(TaskNames.MarkReportProcessing, key => functions.MarkReportProcessing(key, CancellationToken.None));
        Activity<RunReportRequest, RunReportOutcome>(TaskNames.BuildRunReport, request => functions.BuildRunReport(request, CancellationToken.None));
        Activity<ReportKey, bool>(TaskNames.FinishReport, key => functions.FinishReport(key, CancellationToken.None));
        Activity<ReportFailure, bool>(TaskNames.MarkReportFailed, async failure =>
        {
            await functions.MarkReportFailed(failure, CancellationToken.None);
            return true;
        });
        return registered;
    }

    /// <summary>An orchestrator as an object, not a lambda: the Durable Task analyzers crash (AD0001) on orchestrator lambdas.</summary>
    private sealed class Orchestrator<TInput, TOutput>(string name, Func<TaskOrchestrationContext, Task<TOutput>> run, IDurableTaskHooks hooks)
        : ITaskOrchestrator
    {
        public Type InputType => typeof(TInput);

        public Type OutputType => typeof(TOutput);

        public async Task<object?> RunAsync(TaskOrchestrationContext context, object? input) =>
            await hooks.RunOrchestratorAsync(name, () => run(context));
    }

    private sealed class NoHooks : IDurableTaskHooks
    {
        public static readonly NoHooks Instance = new();
    }
}

/// <param name="InputType">The type the task's input is deserialized to.</param>
public sealed record RegisteredTask(string Name, bool IsOrchestrator, Type InputType);

/// <summary>Runs around every task execution of a host registered through <see cref="DurableTasks"/> (fault injection, timing).</summary>
public interface IDurableTaskHooks
{
    /// <summary>One orchestrator episode.</summary>
    Task<T> RunOrchestratorAsync<T>(string name, Func<Task<T>> run) => run();

    /// <summary>One activity execution, with its deserialized input.</summary>
    Task<T> RunActivityAsync<T>(string name, object input, Func<Task<T>> run) => run();
}
