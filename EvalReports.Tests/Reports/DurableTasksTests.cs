using System.Reflection;
using EvalReports.Functions;
using EvalReports.Reports;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;

namespace EvalReports.Tests.Reports;

/// <summary>
/// The Functions host registers the orchestrators and activities from their [Function] attributes; the in-process
/// test host and the benchmark through <see cref="DurableTasks.Register"/>. A [Function] with an OrchestrationTrigger
/// or ActivityTrigger that Register leaves out would run in production and in no test: these tests fail instead.
/// </summary>
public sealed class DurableTasksTests
{
    private static readonly IReadOnlyList<RegisteredTask> Registered =
        DurableTasks.Register(new DurableTaskRegistry(), new SuiteReportFunctions(null!, NullLogger<SuiteReportFunctions>.Instance));

    [Fact]
    public void Every_orchestration_and_activity_function_is_registered_for_the_test_host()
    {
        var declared = TriggerFunctions().Select(f => $"{(f.IsOrchestrator ? "orchestrator" : "activity")} {f.Name}").Order();

        Assert.Equal(declared, Registered.Select(t => $"{(t.IsOrchestrator ? "orchestrator" : "activity")} {t.Name}").Order());
    }

    [Fact]
    public void Each_activity_is_registered_with_the_input_type_its_function_takes()
    {
        foreach (var activity in TriggerFunctions().Where(f => !f.IsOrchestrator))
        {
            Assert.Equal((activity.Name, activity.InputType), (activity.Name, Registered.Single(t => t.Name == activity.Name).InputType));
        }
    }

    [Fact]
    public void The_generated_functions_metadata_declares_exactly_the_registered_tasks()
    {
        var declared = FunctionMetadataTests.Metadata()
            .Select(f => (Name: f!["name"]!.GetValue<string>(), Types: f["bindings"]!.AsArray().Select(b => b!["type"]!.GetValue<string>()).ToList()))
            .Where(f => f.Types.Contains("orchestrationTrigger") || f.Types.Contains("activityTrigger"))
            .Select(f => $"{(f.Types.Contains("orchestrationTrigger") ? "orchestrator" : "activity")} {f.Name}")
            .Order();

        Assert.Equal(declared, Registered.Select(t => $"{(t.IsOrchestrator ? "orchestrator" : "activity")} {t.Name}").Order());
    }

    [Fact]
    public void Every_task_name_the_orchestration_calls_is_registered()
    {
        var names = typeof(TaskNames).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!);

        Assert.Equal(names.Order(), Registered.Select(t => t.Name).Order());
    }

    /// <summary>Every public method of the app with a [Function] attribute and an orchestration or activity trigger, by reflection.</summary>
    private static IEnumerable<(string Name, bool IsOrchestrator, Type InputType)> TriggerFunctions() =>
        from type in typeof(DurableTasks).Assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
        let function = method.GetCustomAttribute<FunctionAttribute>()
        where function is not null
        from parameter in method.GetParameters()
        let orchestrator = parameter.IsDefined(typeof(OrchestrationTriggerAttribute))
        where orchestrator || parameter.IsDefined(typeof(ActivityTriggerAttribute))
        select (function.Name, orchestrator, parameter.ParameterType);
}
