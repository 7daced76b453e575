using System.Text.RegularExpressions;
using EvalReports.Tests.Deployment;
using EvalReports.Tests.Support;

namespace EvalReports.Tests.Sdk;

/// <summary>
/// The README's Python example must run against the real SDK: every <c>client.&lt;resource&gt;.&lt;method&gt;</c> it
/// uses is one the SDK has (the list below is the public method list of aymara-ai 1.2, with the HTTP route each
/// method calls, from its resources/reports.py, resources/evals/*.py), and each of those routes reaches a real
/// function here, not the catch-all. The SDK has no <c>reports.retrieve</c>; polling is its
/// <c>aymara_ai.lib.async_utils.wait_until_complete(client.reports.get, resource_id=...)</c>.
/// </summary>
public sealed partial class ReadmePythonExampleTests
{
    private static readonly Dictionary<string, (string Method, string Path)> SdkMethods = new(StringComparer.Ordinal)
    {
        ["reports.create"] = ("POST", "/v2/eval-reports"),
        ["reports.get"] = ("GET", "/v2/eval-reports/x"),
        ["reports.list"] = ("GET", "/v2/eval-reports"),
        ["reports.delete"] = ("DELETE", "/v2/eval-reports/x"),
        ["evals.runs.create"] = ("POST", "/v2/eval-runs"),
        ["evals.runs.get"] = ("GET", "/v2/eval-runs/x"),
        ["evals.runs.list"] = ("GET", "/v2/eval-runs"),
        ["evals.runs.delete"] = ("DELETE", "/v2/eval-runs/x"),
        ["evals.runs.list_responses"] = ("GET", "/v2/eval-runs/x/responses"),
        ["evals.get"] = ("GET", "/v2/evals/x"),
        ["evals.list_prompts"] = ("GET", "/v2/evals/x/prompts"),
    };

    [Fact]
    public void Every_SDK_call_in_the_README_s_Python_example_exists_in_the_SDK()
    {
        var python = PythonBlock();
        var calls = ClientCall().Matches(python).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.NotEmpty(calls);
        Assert.All(calls, call => Assert.True(SdkMethods.ContainsKey(call), $"client.{call} is not an aymara-ai SDK method"));
        Assert.Contains("reports.get", calls);
        Assert.DoesNotContain("retrieve", python);
    }

    [Fact]
    public void The_example_polls_with_the_SDK_s_helper_and_passes_an_Idempotency_Key()
    {
        var python = PythonBlock();

        Assert.Contains("from aymara_ai.lib.async_utils import wait_until_complete", python);
        Assert.Matches(@"wait_until_complete\(client\.reports\.get, resource_id=", python);
        Assert.Matches(@"extra_headers=\{""Idempotency-Key"": ""[^""]+""\}", python);
    }

    [Fact]
    public void Every_SDK_method_reaches_its_own_function_not_the_catch_all()
    {
        var router = new FunctionRouter(FunctionsHttpHost.HttpFunctions());

        Assert.All(SdkMethods, method =>
        {
            var function = router.Match(method.Value.Method, method.Value.Path)?.Function.Name;
            Assert.True(function is not null && function != Functions.UnmatchedRouteHttp.FunctionName,
                $"client.{method.Key} ({method.Value.Method} {method.Value.Path}) reaches {function ?? "nothing"}");
        });
    }

    private static string PythonBlock()
    {
        var readme = File.ReadAllText(RepoPaths.InRepo("README.md"));
        var blocks = PythonFence().Matches(readme).Select(m => m.Groups[1].Value).Where(b => b.Contains("AymaraAI(", StringComparison.Ordinal)).ToList();
        return Assert.Single(blocks);
    }

    /// <summary>client.a.b( or client.a.b, (a method passed as a function), capturing "a.b".</summary>
    [GeneratedRegex(@"\bclient\.((?:[a-z_]+\.)*[a-z_]+)\s*[(,)]")]
    private static partial Regex ClientCall();

    [GeneratedRegex(@"```python\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex PythonFence();
}
