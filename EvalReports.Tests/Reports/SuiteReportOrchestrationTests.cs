using EvalReports.Contracts;
using EvalReports.Reports;
using Microsoft.DurableTask;
using Moq;

namespace EvalReports.Tests.Reports;

/// <summary>The orchestrator's decisions, against a mocked orchestration context.</summary>
public sealed class SuiteReportOrchestrationTests
{
    private static readonly SuiteReportInput Input = new("ws", "report-1", ["r0", "r1", "r2", "r3", "r4"], false, MaxConcurrency: 2);

    private readonly Mock<TaskOrchestrationContext> context = new();
    private readonly List<string> calls = [];
    private readonly List<(string Activity, TaskOptions? Options)> options = [];

    public SuiteReportOrchestrationTests()
    {
        Activity(TaskNames.MarkReportProcessing, _ => Task.FromResult<object>(true));
        Activity(TaskNames.FinishReport, _ => Task.FromResult<object>(true));
        Activity(TaskNames.MarkReportFailed, _ => Task.FromResult<object>(null!));
    }

    [Fact]
    public async Task Fans_out_one_activity_per_run_never_more_than_the_limit_at_once_then_finishes()
    {
        // Each run report is held at its own gate until the test releases it, so how many run at once is decided by
        // the orchestrator alone, not by timing.
        var gates = new List<TaskCompletionSource>();
        var started = new SemaphoreSlim(0);
        var running = 0;
        var maxRunning = 0;
        Activity(TaskNames.BuildRunReport, async input =>
        {
            var request = (RunReportRequest)input!;
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (gates)
            {
                gates.Add(gate);
            }

            InterlockedMax(ref maxRunning, Interlocked.Increment(ref running));
            started.Release();
            await gate.Task;
            Interlocked.Decrement(ref running);
            return new RunReportOutcome(request.EvalRunUuid, 10, 5, ReportDeleted: false);
        });

        var orchestration = SuiteReportOrchestration.RunAsync(context.Object, Input);
        for (var i = 0; i < Input.EvalRunUuids.Count; i++)
        {
            Assert.True(await started.WaitAsync(TimeSpan.FromSeconds(30)), $"run {i} never started");
            if (i >= Input.MaxConcurrency - 1)
            {
                Gate(i - (Input.MaxConcurrency - 1)).SetResult(); // keep the limit in flight: release the oldest
            }
        }

        for (var i = Input.EvalRunUuids.Count - Input.MaxConcurrency + 1; i < Input.EvalRunUuids.Count; i++)
        {
            Gate(i).SetResult();
        }

        var outcome = await orchestration.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ReportOutcome.Finished, outcome);
        Assert.Equal(2, maxRunning);
        Assert.Equal(5, calls.Count(c => c == TaskNames.BuildRunReport));
        Assert.Equal([TaskNames.MarkReportProcessing], calls.Take(1));
        Assert.Equal(TaskNames.FinishReport, calls[^1]);
        Assert.DoesNotContain(TaskNames.MarkReportFailed, calls);
        TaskCompletionSource Gate(int run)
        {
            lock (gates)
            {
                return gates[run];
            }
        }
    }

    [Fact]
    public async Task Passes_each_run_its_position_so_reports_keep_the_requested_order()
    {
        var ordinals = new List<(string Run, int Ordinal)>();
        Activity(TaskNames.BuildRunReport, input =>
        {
            var request = (RunReportRequest)input!;
            lock (ordinals)
            {
                ordinals.Add((request.EvalRunUuid, request.Ordinal));
            }

            return Task.FromResult<object>(new RunReportOutcome(request.EvalRunUuid, 1, 1, false));
        });

        await SuiteReportOrchestration.RunAsync(context.Object, Input);

        Assert.Equal(Input.EvalRunUuids.Select((run, i) => (run, i)), ordinals.OrderBy(o => o.Ordinal));
    }

    [Fact]
    public async Task A_run_that_fails_after_its_retries_fails_the_report_with_its_reason_and_skips_the_fan_in()
    {
        ReportFailure? failure = null;
        Activity(TaskNames.MarkReportFailed, input => { failure = (ReportFailure)input!; return Task.FromResult<object>(null!); });
        Activity(TaskNames.BuildRunReport, input => ((RunReportRequest)input!).EvalRunUuid == "r3"
            ? Task.FromException<object>(new TaskFailedException(TaskNames.BuildRunReport, 4,
                new TaskFailureDetails(typeof(ReportBuildException).FullName!, "Eval run r3 no longer exists.", null, null, null)))
            : Task.FromResult<object>(new RunReportOutcome(((RunReportRequest)input!).EvalRunUuid, 1, 1, false)));

        var outcome = await SuiteReportOrchestration.RunAsync(context.Object, Input);

        Assert.Equal(ReportOutcome.Failed, outcome);
        Assert.Equal(new ReportFailure("ws", "report-1", "Eval run r3 no longer exists."), failure);
        Assert.DoesNotContain(TaskNames.FinishReport, calls);
    }

    [Fact]
    public async Task Unexpected_failures_are_named_without_their_internal_message()
    {
        ReportFailure? failure = null;
        Activity(TaskNames.MarkReportFailed, input => { failure = (ReportFailure)input!; return Task.FromResult<object>(null!); });
        Activity(TaskNames.BuildRunReport, _ => Task.FromException<object>(new TaskFailedException(TaskNames.BuildRunReport, 1,
            new TaskFailureDetails("System.InvalidOperationException", "connection string with secret", "   at Somewhere()", null, null))));

        await SuiteReportOrchestration.RunAsync(context.Object, Input);

        Assert.Equal("BuildRunReport failed after retries (System.InvalidOperationException).", failure!.Reason);
    }

    [Fact]
    public async Task A_report_deleted_before_it_started_builds_nothing()
    {
        Activity(TaskNames.MarkReportProcessing, _ => Task.FromResult<object>(false));

        var outcome = await SuiteReportOrchestration.RunAsync(context.Object, Input);

        Assert.Equal(ReportOutcome.Deleted, outcome);
        Assert.Equal([TaskNames.MarkReportProcessing], calls);
    }

    [Fact]
    public async Task Every_activity_of_a_finished_report_is_retried_six_times_waiting_1_2_4_8_10_seconds()
    {
        Activity(TaskNames.BuildRunReport, input => Task.FromResult<object>(new RunReportOutcome(((RunReportRequest)input!).EvalRunUuid, 1, 1, false)));

        await SuiteReportOrchestration.RunAsync(context.Object, Input);

        Assert.Equal(
            [TaskNames.MarkReportProcessing, .. Enumerable.Repeat(TaskNames.BuildRunReport, 5), TaskNames.FinishReport],
            options.Select(o => o.Activity));
        Assert.All(options, o =>
        {
            var policy = PolicyOf(o.Options, o.Activity);
            Assert.Equal(6, policy.MaxNumberOfAttempts);
            Assert.Equal([1, 2, 4, 8, 10], Waits(policy));
            Assert.False(Retries(policy, typeof(ReportBuildException).FullName!));
            Assert.True(Retries(policy, "System.TimeoutException"));
        });
    }

    [Fact]
    public async Task Recording_a_failure_keeps_trying_for_about_five_minutes()
    {
        Activity(TaskNames.BuildRunReport, _ => Task.FromException<object>(new TaskFailedException(TaskNames.BuildRunReport, 1,
            new TaskFailureDetails(typeof(ReportBuildException).FullName!, "Eval run r0 no longer exists.", null, null, null))));

        await SuiteReportOrchestration.RunAsync(context.Object, Input);

        var (activity, taskOptions) = Assert.Single(options, o => o.Activity == TaskNames.MarkReportFailed);
        var policy = PolicyOf(taskOptions, activity);
        Assert.Equal(10, policy.MaxNumberOfAttempts);
        Assert.Equal([2, 4, 8, 16, 32, 60, 60, 60, 60], Waits(policy));
        Assert.Equal(302, Waits(policy).Sum());
    }

    [Fact]
    public void Final_failures_are_not_retried_and_anything_else_is()
    {
        var retry = SuiteReportOrchestration.IsWorthRetrying;
        TaskFailureDetails Failure(string type, TaskFailureDetails? inner = null) => new(type, "m", null, inner, null);

        Assert.False(retry(Failure(typeof(ReportBuildException).FullName!)));
        Assert.False(retry(Failure("Microsoft.Azure.Functions.Worker.FunctionInvocationException", Failure(typeof(ReportBuildException).FullName!))));
        Assert.True(retry(Failure(typeof(ActivityFailedException).FullName!)));
        Assert.True(retry(Failure("System.InvalidOperationException")));
    }

    /// <summary>
    /// Sets up every overload the orchestrator calls (the generic ones for results, the non-generic one for
    /// MarkReportFailed), recording each call's name and the <see cref="TaskOptions"/> it was given.
    /// </summary>
    private void Activity(string name, Func<object?, Task<object>> behaviour)
    {
        void Record(TaskOptions? taskOptions)
        {
            lock (calls)
            {
                calls.Add(name);
                options.Add((name, taskOptions));
            }
        }

        if (name == TaskNames.MarkReportFailed)
        {
            context.Setup(c => c.CallActivityAsync(It.Is<TaskName>(n => n.Name == name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
                .Returns((TaskName _, object? input, TaskOptions? taskOptions) => { Record(taskOptions); return behaviour(input); });
        }
        else
        {
            context.Setup(c => c.CallActivityAsync<bool>(It.Is<TaskName>(n => n.Name == name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
                .Returns(async (TaskName _, object? input, TaskOptions? taskOptions) => { Record(taskOptions); return (bool)(await behaviour(input)); });
            context.Setup(c => c.CallActivityAsync<RunReportOutcome>(It.Is<TaskName>(n => n.Name == name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
                .Returns(async (TaskName _, object? input, TaskOptions? taskOptions) => { Record(taskOptions); return (RunReportOutcome)await behaviour(input); });
        }
    }

    private static RetryPolicy PolicyOf(TaskOptions? taskOptions, string activity) =>
        taskOptions?.Retry?.Policy ?? throw new Xunit.Sdk.XunitException($"{activity} was called without a retry policy");

    /// <summary>Whether Durable retries a failure of this type under the policy (it asks the policy with its own exception).</summary>
    private static bool Retries(RetryPolicy policy, string errorType) =>
        policy.Handle(new DurableTask.Core.Exceptions.TaskFailedException(0, 0, TaskNames.BuildRunReport, "", "failed", null!)
        {
            FailureDetails = new DurableTask.Core.FailureDetails(errorType, "failed", null, null, false),
        });

    /// <summary>The seconds Durable waits before each retry: first × coefficient^n, capped at the maximum.</summary>
    private static List<double> Waits(RetryPolicy policy) => Enumerable.Range(0, policy.MaxNumberOfAttempts - 1)
        .Select(n => Math.Min(policy.FirstRetryInterval.TotalSeconds * Math.Pow(policy.BackoffCoefficient, n), policy.MaxRetryInterval.TotalSeconds))
        .ToList();

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
