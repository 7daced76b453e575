using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;

namespace EvalReports.Tests.Http;

internal static class DurableClientMock
{
    /// <summary>A client that accepts every start and reports the instance id it was given.</summary>
    public static Mock<DurableTaskClient> Accepting()
    {
        var mock = new Mock<DurableTaskClient>("mock");
        mock.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(
                It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TaskName _, object? _, StartOrchestrationOptions? options, CancellationToken _) => options!.InstanceId!);
        return mock;
    }

    public static void VerifyNoStart(this Mock<DurableTaskClient> mock) =>
        mock.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(
            It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
}
