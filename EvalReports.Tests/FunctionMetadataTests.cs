using System.Text.Json.Nodes;
using EvalReports.Tests.Support;

namespace EvalReports.Tests;

/// <summary>
/// The Functions host routes requests from the worker's generated functions.metadata (func cannot run here),
/// so the built metadata must expose every route and method of the contract.
/// </summary>
public sealed class FunctionMetadataTests
{
    public static TheoryData<string, string, string> Routes => new()
    {
        { "post", "v2/eval-reports", "anonymous" },
        { "get", "v2/eval-reports", "anonymous" },
        { "get", "v2/eval-reports/{reportUuid}", "anonymous" },
        { "delete", "v2/eval-reports/{reportUuid}", "anonymous" },
        { "post", "v2/eval-runs", "anonymous" },
        { "get", "v2/eval-runs", "anonymous" },
        { "get", "v2/eval-runs/{evalRunUuid}", "anonymous" },
        { "get", "v2/eval-runs/{evalRunUuid}/responses", "anonymous" },
        { "delete", "v2/eval-runs/{evalRunUuid}", "anonymous" },
        { "post", "v2/admin/api-keys", "admin" },
        { "delete", "v2/admin/api-keys/{keyId}", "admin" },
        { "put", "v2/admin/workspaces/{workspaceUuid}/quota", "admin" },
        { "get", "v2/admin/workspaces/{workspaceUuid}/quota", "admin" },
        { "get", "v2/eval-reports/{reportUuid}/export", "anonymous" },
        { "get", "v2/eval-reports/{reportUuid}/gate", "anonymous" },
        { "post", "v2/eval-reports/{reportUuid}/share", "anonymous" },
        { "delete", "v2/eval-reports/{reportUuid}/share", "anonymous" },
        { "get", "v2/shared-reports/{token}", "anonymous" },
        { "get", "v2/evals", "anonymous" },
        { "get", "v2/evals/{evalUuid}", "anonymous" },
        { "get", "v2/evals/{evalUuid}/prompts", "anonymous" },
        { "get", "v2/{*rest}", "anonymous" },
        { "post", "v2/{*rest}", "anonymous" },
        { "put", "v2/{*rest}", "anonymous" },
        { "patch", "v2/{*rest}", "anonymous" },
        { "delete", "v2/{*rest}", "anonymous" },
    };

    /// <summary>
    /// The host tries functions' routes in name order (ordinal, ignoring case) and takes the first match, so the
    /// catch-all must be the last HTTP function by name, or it takes requests meant for the functions after it.
    /// </summary>
    [Fact]
    public void The_catch_all_is_the_function_whose_name_sorts_last()
    {
        var names = Metadata().Select(f => f!["name"]!.GetValue<string>()).ToList();
        var catchAll = Assert.Single(HttpFunctions(), f => f.Route == "v2/{*rest}");

        Assert.Equal(Functions.UnmatchedRouteHttp.FunctionName, catchAll.Name);
        var others = names.Where(n => !string.Equals(n, catchAll.Name, StringComparison.Ordinal)).ToList();
        var after = others.Where(n => StringComparer.OrdinalIgnoreCase.Compare(n, catchAll.Name) >= 0
            || string.CompareOrdinal(n.ToLowerInvariant(), catchAll.Name.ToLowerInvariant()) >= 0).ToList();
        Assert.True(after.Count == 0, $"these functions sort after the catch-all and would be shadowed by it: {string.Join(", ", after)}");
        Assert.Equal(catchAll.Name, names.Order(StringComparer.OrdinalIgnoreCase).Last());
    }

    [Fact]
    public void The_test_router_takes_the_first_match_in_name_order_as_the_host_does()
    {
        var real = new FunctionRouter(HttpFunctions());
        Assert.Equal("ListEvalReports", real.Match("GET", "/v2/eval-reports")!.Value.Function.Name);
        Assert.Equal("GetEvalRun", real.Match("GET", "/v2/eval-runs/abc")!.Value.Function.Name);
        Assert.Equal("abc", real.Match("GET", "/v2/eval-runs/abc")!.Value.Values["evalRunUuid"]);
        Assert.Equal(Functions.UnmatchedRouteHttp.FunctionName, real.Match("DELETE", "/v2/eval-reports")!.Value.Function.Name);
        Assert.Equal(Functions.UnmatchedRouteHttp.FunctionName, real.Match("GET", "/v2/admin/api-keys")!.Value.Function.Name);
        Assert.Null(real.Match("GET", "/api/v2/eval-reports"));

        // The same catch-all named so that it sorts first shadows every route, as it did in the real host; ASP.NET
        // Core's precedence would still have picked the literal route.
        var shadowing = new FunctionRouter(HttpFunctions().Select(f => f.Route == "v2/{*rest}" ? f with { Name = "CatchAll" } : f));
        Assert.Equal("CatchAll", shadowing.Order.First(n => n is "CatchAll" or "CreateEvalReport" or "ListEvalReports"));
        Assert.Equal("CatchAll", shadowing.Match("GET", "/v2/eval-reports")!.Value.Function.Name);
        Assert.Equal("CatchAll", shadowing.Match("POST", "/v2/eval-runs")!.Value.Function.Name);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public void Every_route_of_the_contract_is_in_the_built_metadata(string method, string route, string authLevel)
    {
        var triggers = HttpTriggers().Where(t => t!["route"]!.GetValue<string>() == route &&
            t["methods"]!.AsArray().Any(m => m!.GetValue<string>() == method)).ToList();

        var trigger = Assert.Single(triggers);
        Assert.Equal(authLevel, trigger["authLevel"]!.GetValue<string>(), ignoreCase: true);
    }

    [Fact]
    public void The_orchestrator_and_every_activity_are_registered()
    {
        var bindings = Metadata().Select(f => (Name: f!["name"]!.GetValue<string>(), Type: f["bindings"]![0]!["type"]!.GetValue<string>())).ToList();

        Assert.Contains(("BuildSuiteReport", "orchestrationTrigger"), bindings);
        Assert.Contains(("BuildRunBatch", "orchestrationTrigger"), bindings);
        foreach (var activity in new[] { "MarkReportProcessing", "BuildRunReport", "FinishReport", "MarkReportFailed" })
        {
            Assert.Contains((activity, "activityTrigger"), bindings);
        }
    }

    [Fact]
    public void The_stuck_report_sweep_runs_on_its_schedule_with_a_durable_client()
    {
        var sweep = Metadata().Single(f => f!["name"]!.GetValue<string>() == "SweepStuckReportsAndIdempotencyKeys")!["bindings"]!.AsArray();

        Assert.Equal("0 */5 * * * *", sweep.Single(b => b!["type"]!.GetValue<string>() == "timerTrigger")!["schedule"]!.GetValue<string>());
        Assert.Single(sweep, b => b!["type"]!.GetValue<string>() == "durableClient");
    }

    [Fact]
    public void Report_reads_get_a_durable_client_to_spot_dead_orchestrations()
    {
        foreach (var name in new[] { "GetEvalReport", "ListEvalReports", "GateEvalReport", "ExportEvalReport", "ShareEvalReport", "OpenSharedEvalReport" })
        {
            var bindings = Metadata().Single(f => f!["name"]!.GetValue<string>() == name)!["bindings"]!.AsArray();
            Assert.Single(bindings, b => b!["type"]!.GetValue<string>() == "durableClient");
        }
    }

    [Fact]
    public void The_host_json_that_routes_without_a_prefix_is_copied_to_the_build_output()
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")))!;
        Assert.Equal("", hostJson["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
    }

    private static IReadOnlyList<FunctionsHttpHost.HttpFunction> HttpFunctions() => FunctionsHttpHost.HttpFunctions();

    private static IEnumerable<JsonNode> HttpTriggers() =>
        Metadata().SelectMany(f => f!["bindings"]!.AsArray()).Where(b => b!["type"]!.GetValue<string>() == "httpTrigger").Select(b => b!);

    internal static JsonArray Metadata()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: the worker SDK did not generate it");
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray();
    }
}
