using EvalReports.Summaries.Llm;
using EvalReports.Tests.Summaries.Llm;
using EvalReports.Tests.Support;

namespace EvalReports.Tests.EndToEnd;

/// <summary>
/// EVALREPORTS_SUMMARIZER=llm through the real app: HTTP function → in-process orchestration → activities → Azurite,
/// with the real OpenAI client calling an OpenAI-compatible endpoint on 127.0.0.1 served by the test.
/// </summary>
public sealed class LlmSummarizerEndToEndTests(Azurite azurite) : IClassFixture<Azurite>
{
    [Fact]
    public async Task Run_reports_say_which_summarizer_wrote_them_and_sandbox_reports_never_call_the_model()
    {
        // The model answers well, except for the run named "Contradicted run", where it states a wrong count.
        await using var server = new LocalOpenAiServer(r => LocalOpenAiServer.Reply.Ok(
            r.User.Contains("Contradicted run", StringComparison.Ordinal) ? ScriptedModel.WrongNumber(r.User) : ScriptedModel.Answer(r.System, r.User)));
        using var app = new TestApp(azurite.Settings(s => s with
        {
            Summarizer = SummarizerKind.Llm,
            OpenAiBaseUrl = server.BaseUrl,
            OpenAiModel = "test-model",
            OpenAiApiKey = new SecretText("sk-e2e"),
        }));
        await using var durable = await InProcessDurable.StartAsync(app);
        var client = new ReportClient(app, durable.Client);
        var good = $"llm-good-{Guid.NewGuid():N}";
        var contradicted = $"llm-bad-{Guid.NewGuid():N}";
        Assert.Equal(201, (await app.ImportAsync(SampleRuns.Safety(good, 20, 15, name: "Well summarized run").ToJsonString())).Status);
        Assert.Equal(201, (await app.ImportAsync(SampleRuns.Safety(contradicted, 10, 4, name: "Contradicted run").ToJsonString())).Status);

        var created = await client.CreateAsync(good, contradicted);
        var report = await client.WaitAsync(created.Body!["eval_suite_report_uuid"]!.GetValue<string>());

        Assert.Equal("finished", report["status"]!.GetValue<string>());
        var runReports = report["eval_run_reports"]!.AsArray().ToDictionary(r => r!["eval_run_uuid"]!.GetValue<string>(), r => r!);
        Assert.Equal("llm", runReports[good]["summarizer"]!.GetValue<string>());
        Assert.StartsWith("15 of 20 scored responses passed (75%).", runReports[good]["passing_responses_summary"]!.GetValue<string>());
        Assert.Equal("embedded", runReports[contradicted]["summarizer"]!.GetValue<string>());
        Assert.Contains("Well summarized run", report["overall_passing_responses_summary"]!.GetValue<string>());
        Assert.Equal(3, server.Requests.Count); // one for the good run, two (first try + retry) for the contradicted one

        // The same runs in a sandbox report: embedded, and not one more model call.
        var sandbox = HttpCall.Request("POST", "/v2/eval-reports", $$"""{"eval_run_uuids": ["{{good}}", "{{contradicted}}"]}""", query: "is_sandbox=true");
        var sandboxCreated = HttpCall.Read(sandbox, await app.Reports.Create(sandbox, durable.Client));
        Assert.Equal(200, sandboxCreated.Status);
        var sandboxReport = await client.WaitAsync(sandboxCreated.Body!["eval_suite_report_uuid"]!.GetValue<string>());

        Assert.Equal("finished", sandboxReport["status"]!.GetValue<string>());
        Assert.True(sandboxReport["is_sandbox"]!.GetValue<bool>());
        var sandboxRuns = sandboxReport["eval_run_reports"]!.AsArray().ToDictionary(r => r!["eval_run_uuid"]!.GetValue<string>(), r => r!);
        Assert.All(sandboxRuns.Values, r => Assert.Equal("embedded", r["summarizer"]!.GetValue<string>()));
        Assert.Equal(3, server.Requests.Count);

        // The run the model got wrong reads exactly as the embedded summarizer wrote it; the other does not.
        foreach (var field in new[] { "passing_responses_summary", "failing_responses_summary", "improvement_advice" })
        {
            Assert.Equal(sandboxRuns[contradicted][field]!.GetValue<string>(), runReports[contradicted][field]!.GetValue<string>());
            Assert.NotEqual(sandboxRuns[good][field]!.GetValue<string>(), runReports[good][field]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task An_accuracy_run_written_by_the_llm_keeps_one_section_per_category_in_the_stored_report()
    {
        await using var server = new LocalOpenAiServer(r => LocalOpenAiServer.Reply.Ok(ScriptedModel.Answer(r.System, r.User)));
        using var app = new TestApp(azurite.Settings(s => s with
        {
            Summarizer = SummarizerKind.Llm,
            OpenAiBaseUrl = server.BaseUrl,
            OpenAiModel = "test-model",
            OpenAiApiKey = new SecretText("sk-e2e"),
        }));
        await using var durable = await InProcessDurable.StartAsync(app);
        var client = new ReportClient(app, durable.Client);
        var uuid = $"llm-accuracy-{Guid.NewGuid():N}";

        // 12 responses, the first 8 passed: history = 0-3 (all passed), geography = 4, 6, 8, 10, science = 5, 7, 9, 11.
        var run = SampleRuns.Safety(uuid, 12, 8, evalType: "accuracy", name: "Capitals accuracy");
        var prompts = run["prompts"]!.AsArray();
        for (var i = 0; i < prompts.Count; i++)
        {
            prompts[i]!["category"] = i < 4 ? "history" : i % 2 == 0 ? "geography" : "science";
        }

        Assert.Equal(201, (await app.ImportAsync(run.ToJsonString())).Status);
        var created = await client.CreateAsync(uuid);
        var report = await client.WaitAsync(created.Body!["eval_suite_report_uuid"]!.GetValue<string>());

        Assert.Equal("finished", report["status"]!.GetValue<string>());
        var runReport = Assert.Single(report["eval_run_reports"]!.AsArray())!;
        Assert.Equal("llm", runReport["summarizer"]!.GetValue<string>());
        foreach (var field in new[] { "passing_responses_summary", "failing_responses_summary", "improvement_advice" })
        {
            // In the order the eval's prompts first use them (issue #15).
            Assert.Equal(["history", "geography", "science"], CategorySectionsTests.SectionNames(runReport[field]!.GetValue<string>()));
        }

        var failing = runReport["failing_responses_summary"]!.GetValue<string>();
        // 12 scored, the last 4 failed: the overall paragraph with the run's numbers, then the sections in the eval's order.
        Assert.StartsWith("4 of 12 scored responses failed (33.3%), most of them with invented facts.\n\n<history>\nThere were no failing results to evaluate.\n</history>\n\n<geography>\n2 of 4 scored responses in this category failed (50%).", failing);
        Assert.Contains("\n\n<science>\n2 of 4 scored responses", failing);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task The_model_in_the_loop_samples_answered_correctly_come_back_as_llm_reports_with_the_answers_texts()
    {
        // samples/llm-loop: four runs and a correct first answer for each (docs/llm.md). The server answers each
        // request with the answer of the run named in it, so the whole path (import, FACTS, checks, assembly, store)
        // is exercised with answers that were not written by the test's own script.
        var folder = LoopSamples();
        var runs = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal)
            .Select(file => (Stem: Path.GetFileNameWithoutExtension(file), Body: System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!.AsObject()))
            .ToList();
        var answers = runs.ToDictionary(run => run.Body["name"]!.GetValue<string>(), run => File.ReadAllText(Path.Combine(folder, "answers", run.Stem + ".1.answer.txt")));
        await using var server = new LocalOpenAiServer(r => LocalOpenAiServer.Reply.Ok(answers.Single(pair => r.User.Contains($"\"run_name\":\"{pair.Key}\"", StringComparison.Ordinal)).Value));
        using var app = new TestApp(azurite.Settings(s => s with
        {
            Summarizer = SummarizerKind.Llm,
            OpenAiBaseUrl = server.BaseUrl,
            OpenAiModel = "test-model",
            OpenAiApiKey = new SecretText("sk-e2e"),
        }));
        await using var durable = await InProcessDurable.StartAsync(app);
        var client = new ReportClient(app, durable.Client);
        var uuids = new List<string>();
        foreach (var (_, body) in runs)
        {
            var uuid = Guid.NewGuid().ToString();
            body["eval_run_uuid"] = uuid;
            Assert.Equal(201, (await app.ImportAsync(body.ToJsonString())).Status);
            uuids.Add(uuid);
        }

        var created = await client.CreateAsync([.. uuids]);
        var report = await client.WaitAsync(created.Body!["eval_suite_report_uuid"]!.GetValue<string>());

        Assert.Equal("finished", report["status"]!.GetValue<string>());
        Assert.Equal(runs.Count, server.Requests.Count); // every first answer passed the checks
        Assert.All(server.Requests, r => Assert.DoesNotContain("blob.core.windows.net", r.User)); // the image run's URLs stay home
        var runReports = report["eval_run_reports"]!.AsArray().ToDictionary(r => r!["eval_run_uuid"]!.GetValue<string>(), r => r!);
        for (var i = 0; i < runs.Count; i++)
        {
            var stored = runReports[uuids[i]];
            Assert.Equal("llm", stored["summarizer"]!.GetValue<string>());
            var answer = System.Text.Json.Nodes.JsonNode.Parse(answers[runs[i].Body["name"]!.GetValue<string>()])!;
            if (answer["categories"] is { } categories)
            {
                var failing = stored["failing_responses_summary"]!.GetValue<string>();
                Assert.StartsWith(answer["overall"]!["failing"]!.GetValue<string>() + "\n\n<baggage>\n", failing);
                Assert.Contains("<refunds>\n" + categories["C2"]!["failing"]!.GetValue<string>() + "\n</refunds>", failing);
            }
            else
            {
                Assert.Equal(answer["failing_responses_summary"]!.GetValue<string>(), stored["failing_responses_summary"]!.GetValue<string>());
            }
        }
    }

    private static string LoopSamples([System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "samples", "llm-loop"));
}
