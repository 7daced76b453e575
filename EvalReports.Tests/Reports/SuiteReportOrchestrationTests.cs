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

    public SuiteReportOrchestrationTests()
    {
        Activity(TaskNames.MarkReportProcessing, _ => Task.FromResult<object>(true));
        Activity(TaskNames.FinishReport, _ => Task.FromResult<object>(true));
        Activity(TaskNames.MarkReportFailed, _ => Task.FromResult<object>(null!));
    }

    [Fact]
    public async Task Fans_out_one_activity_per_run_never_more_than_the_limit_at_once_then_finishes()
    {
        var running = 0;
        var maxRunning = 0;
        Activity(TaskNames.BuildRunReport, async input =>
        {
            var request = (RunReportRequest)input!;
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            await Task.Delay(20);
            Interlocked.Decrement(ref running);
            return new RunReportOutcome(request.EvalRunUuid, 10, 5, ReportDeleted: false);
        });

        var outcome = await SuiteReportOrchestration.RunAsync(context.Object, Input);

        Assert.Equal(ReportOutcome.Finished, outcome);
        Assert.Equal(2, maxRunning);
        Assert.Equal(5, calls.Count(c => c == TaskNames.BuildRunReport));
        Assert.Equal([TaskNames.MarkReportProcessing], calls.Take(1));
        Assert.Equal(TaskNames.FinishReport, calls[^1]);
        Assert.DoesNotContain(TaskNames.MarkReportFailed, calls);
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
    public async Task Every_activity_call_carries_the_retry_policy()
    {
        Activity(TaskNames.BuildRunReport, input => Task.FromResult<object>(new RunReportOutcome(((RunReportRequest)input!).EvalRunUuid, 1, 1, false)));

        await SuiteReportOrchestration.RunAsync(context.Object, Input);

        context.Verify(c => c.CallActivityAsync<object>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.Is<TaskOptions?>(o => o != SuiteReportOrchestration.ActivityRetry)), Times.Never);
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

    private void Activity(string name, Func<object?, Task<object>> behaviour)
    {
        context.Setup(c => c.CallActivityAsync<object>(It.Is<TaskName>(n => n.Name == name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName _, object? input, TaskOptions? _) => { lock (calls) { calls.Add(name); } return behaviour(input); });
        if (name == TaskNames.MarkReportFailed)
        {
            context.Setup(c => c.CallActivityAsync(It.Is<TaskName>(n => n.Name == name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
                .Returns((TaskName _, object? input, TaskOptions? _) => { lock (calls) { calls.Add(name); } return behaviour(input); });
        }
        else
        {
            context.Setup(c => c.CallActivityAsync<bool>(It.Is<TaskName>(n => n.Name == name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
                .Returns(async (TaskName _, object? input, TaskOptions? _) => { lock (calls) { calls.Add(name); } return (bool)(await behaviour(input)); });
            context.Setup(c => c.CallActivityAsync<RunReportOutcome>(It.Is<TaskName>(n => n.Name == name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
                .Returns(async (TaskName _, object? input, TaskOptions? _) => { lock (calls) { calls.Add(name); } return (RunReportOutcome)await behaviour(input); });
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
