using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EvalReports.Tests.Deployment;
using EvalReports.Tests.Support;

namespace EvalReports.Tests.EndToEnd;

/// <summary>
/// Real HTTP through the real Functions host (`func start`), where Azure Functions Core Tools are installed.
/// They cannot be installed on the CI machine, so there the test skips and the in-process tests carry CI.
/// </summary>
public sealed class FuncHostTests
{
    [SkippableFact]
    public async Task The_functions_host_routes_v2_urls_to_the_app()
    {
        var func = FindOnPath("func");
        Skip.If(func is null, "Azure Functions Core Tools (func) is not installed.");

        const int port = 7199;
        var project = RepoPaths.InRepo("EvalReports.Functions");
        var start = new ProcessStartInfo(func!, $"start --port {port}")
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in ExpectedSettings.LocalDefaults)
        {
            start.Environment[name] = value;
        }

        start.Environment["EVALREPORTS_TABLES_CONNECTION_STRING"] = Azurite.ConnectionString;
        start.Environment["EVALREPORTS_DEV_API_KEY"] = TestKeys.DevKey;
        start.Environment["EVALREPORTS_TABLE_PREFIX"] = "f" + Guid.NewGuid().ToString("N")[..10];
        using var host = Process.Start(start)!;
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            http.DefaultRequestHeaders.Add("x-api-key", TestKeys.DevKey);
            var deadline = DateTime.UtcNow.AddMinutes(3);
            HttpResponseMessage? list = null;
            while (DateTime.UtcNow < deadline && !host.HasExited)
            {
                try
                {
                    list = await http.GetAsync("/v2/eval-reports");
                    if (list.StatusCode == HttpStatusCode.OK)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(1000);
            }

            Assert.Equal(HttpStatusCode.OK, list?.StatusCode);
            var run = SampleRuns.Safety("func-" + Guid.NewGuid().ToString("N"), 3, 2);
            var imported = await http.PostAsync("/v2/eval-runs", new StringContent(run.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
            var missing = await http.GetAsync("/v2/eval-reports/does-not-exist");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            var error = await missing.Content.ReadFromJsonAsync<JsonObject>();
            Assert.Equal("resource.not_found", error!["error"]!["code"]!.GetValue<string>());
            Assert.Equal(missing.Headers.GetValues("x-request-id").Single(), error["request_id"]!.GetValue<string>());
        }
        finally
        {
            host.Kill(entireProcessTree: true);
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
