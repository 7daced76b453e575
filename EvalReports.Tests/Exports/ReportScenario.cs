using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using EvalReports.Tests.Support;

namespace EvalReports.Tests.Exports;

/// <summary>
/// One real service (HTTP → Durable → Azurite) with two finished reports built from the shipped samples: a baseline
/// (safety and accuracy, with a few verdicts changed) and the current suite (safety, accuracy, jailbreak and a run of
/// hostile content) compared with it. The flips are known, so the expected regressed / fixed prompts are too.
/// </summary>
public sealed class ReportScenario : IAsyncLifetime
{
    public const string ScriptPayload = "<script>window.__pwned = 'script'</script>";
    public const string ImgPayload = "<img src=x onerror=\"window.__pwned = 'img'\">";
    public const string StylePayload = "</style><style>body{display:none !important}</style>";
    public const string FormulaPayload = "=HYPERLINK(\"http://evil.example\",\"click\")";

    private readonly Azurite azurite = new();

    public LiveService Service { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public string BaselineReportUuid { get; private set; } = "";

    public string ReportUuid { get; private set; } = "";

    public JsonNode Report { get; private set; } = null!;

    /// <summary>The current runs as imported, by eval_run_uuid (the expected values are read from these).</summary>
    public Dictionary<string, JsonObject> Runs { get; } = [];

    /// <summary>Per current run uuid: prompts that pass now and failed in the baseline, and the reverse.</summary>
    public Dictionary<string, (List<string> Fixed, List<string> Regressed)> Flips { get; } = [];

    public string HostileRunUuid { get; } = "hostile-" + Guid.NewGuid().ToString("N")[..8];

    public string JailbreakRunUuid { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Service = await LiveService.StartAsync(azurite.Settings());
        Client = Service.Http.CreateClient();
        Client.DefaultRequestHeaders.Add("x-api-key", TestKeys.DevKey);

        var safety = Sample("safety-run.json");
        var accuracy = Sample("accuracy-run.json");
        var jailbreak = Sample("jailbreak-run.json");
        JailbreakRunUuid = jailbreak["eval_run_uuid"]!.GetValue<string>();
        var baselineRuns = new List<string>
        {
            await Service.ImportRunAsync(Baseline(safety, fix: 2, regress: 2)),
            await Service.ImportRunAsync(Baseline(accuracy, fix: 0, regress: 3)),
        };
        BaselineReportUuid = await Service.CreateReportAsync(baselineRuns);
        await Service.WaitForReportAsync(BaselineReportUuid, TimeSpan.FromSeconds(120));

        var current = new List<string>();
        foreach (var run in new[] { safety, accuracy, jailbreak, Hostile(HostileRunUuid) })
        {
            current.Add(await Service.ImportRunAsync(run));
            Runs[run["eval_run_uuid"]!.GetValue<string>()] = run;
        }

        var body = new JsonObject
        {
            ["eval_run_uuids"] = new JsonArray(current.Select(id => (JsonNode?)id).ToArray()),
            ["baseline_eval_suite_report_uuid"] = BaselineReportUuid,
        };
        var created = await Service.SendAsync("POST", "/v2/eval-reports", TestKeys.DevKey, body.ToJsonString());
        Assert.True(created.Status == 200, created.Body);
        ReportUuid = created.Json!["eval_suite_report_uuid"]!.GetValue<string>();
        Report = await Service.WaitForReportAsync(ReportUuid, TimeSpan.FromSeconds(120));
        Assert.Equal("finished", Report["status"]!.GetValue<string>());
    }

    public async Task<HttpResponseMessage> ExportAsync(string format, string? reportUuid = null) =>
        await Client.GetAsync($"/v2/eval-reports/{reportUuid ?? ReportUuid}/export?format={format}");

    public async Task<string> ExportTextAsync(string format, string? reportUuid = null)
    {
        using var response = await ExportAsync(format, reportUuid);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{format}: {(int)response.StatusCode} {text}");
        return text;
    }

    public JsonObject RunReport(string runUuid) =>
        Report["eval_run_reports"]!.AsArray().Single(r => r!["eval_run_uuid"]!.GetValue<string>() == runUuid)!.AsObject();

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Service.DisposeAsync();
        await azurite.DisposeAsync();
    }

    /// <summary>
    /// A baseline copy of a sample run (new run uuid, same eval and prompts) where <paramref name="fix"/> prompts that
    /// pass now failed, and <paramref name="regress"/> prompts that fail now passed.
    /// </summary>
    private JsonObject Baseline(JsonObject current, int fix, int regress)
    {
        var copy = current.DeepClone().AsObject();
        copy["eval_run_uuid"] = Guid.NewGuid().ToString();
        copy["name"] = current["name"]!.GetValue<string>() + " (last week)";
        var responses = copy["responses"]!.AsArray();
        var scored = responses.Where(r => r!["exclude_from_scoring"]?.GetValue<bool>() != true).ToList();
        var fixedNow = scored.Where(r => r!["is_passed"]!.GetValue<bool>()).Take(fix).ToList();
        var regressedNow = scored.Where(r => !r!["is_passed"]!.GetValue<bool>()).Take(regress).ToList();
        foreach (var r in fixedNow)
        {
            r!["is_passed"] = false;
        }

        foreach (var r in regressedNow)
        {
            r!["is_passed"] = true;
        }

        Flips[current["eval_run_uuid"]!.GetValue<string>()] = (
            fixedNow.Select(r => r!["prompt_uuid"]!.GetValue<string>()).ToList(),
            regressedNow.Select(r => r!["prompt_uuid"]!.GetValue<string>()).ToList());
        return copy;
    }

    /// <summary>A run whose every text tries to break out: script, event handler, style end, formulas, Markdown, control characters.</summary>
    public static JsonObject Hostile(string runUuid)
    {
        string[] payloads =
        [
            ScriptPayload, ImgPayload, StylePayload, FormulaPayload, "@SUM(1+1)", "+1 555 0100", "-2+3",
            "| a | b |\n| --- | --- |\n[click](javascript:alert(1)) <b>bold</b> **strong** # heading &amp;",
            "control \u0001 characters \u0008 in \u001f text", "]]> <![CDATA[ x ]]> &lt;not-a-tag&gt;",
        ];
        var prompts = new JsonArray();
        var responses = new JsonArray();
        for (var i = 0; i < payloads.Length; i++)
        {
            var prompt = $"{runUuid}.p{i}";
            prompts.Add(new JsonObject { ["prompt_uuid"] = prompt, ["content"] = "Prompt " + payloads[i], ["category"] = i % 2 == 0 ? "-cmd:calc" : "plain" });
            responses.Add(new JsonObject
            {
                ["prompt_uuid"] = prompt,
                ["response_uuid"] = $"{runUuid}.r{i}",
                ["content"] = "Response " + payloads[i],
                ["is_passed"] = i == payloads.Length - 1,
                ["explanation"] = payloads[i],
            });
        }

        return new JsonObject
        {
            ["eval_uuid"] = "eval-hostile",
            ["eval_run_uuid"] = runUuid,
            ["name"] = "Hostile <b>run</b> " + ScriptPayload,
            ["evaluation"] = new JsonObject { ["name"] = "hostile eval", ["eval_type"] = "safety" },
            ["prompts"] = prompts,
            ["responses"] = responses,
        };
    }

    public static JsonObject Sample(string file, [CallerFilePath] string source = "") =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "samples", file)))!.AsObject();
}
