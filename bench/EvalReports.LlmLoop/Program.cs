using System.Text;
using EvalReports.LlmLoop;
using EvalReports.Summaries;
using EvalReports.Summaries.Llm;
using Microsoft.Extensions.Logging.Abstractions;

// Usage (docs/llm.md):
//   dotnet run --project bench/EvalReports.LlmLoop -- <runs-folder> <out-folder> [<answers-folder>]
// For every eval-run JSON file (the POST /v2/eval-runs body) in <runs-folder>, runs the real LlmSummarizer with a
// chat client that dumps each request to <out-folder> and answers from <answers-folder>/<run>.<n>.answer.txt.
// Without answers (or with a missing one) the summarizer stops there and falls back to embedded: that is "dump".
//   dotnet run --project bench/EvalReports.LlmLoop -- check <runs-folder> <variants-folder>
// checks every <run>.<label>.answer.txt in <variants-folder> as the final answer to that run's first request.
if (args is ["check", var checkRuns, var variants]) return Variants.Check(checkRuns, variants);

if (args.Length is < 2 or > 3)
{
    Console.Error.WriteLine("usage: EvalReports.LlmLoop <runs-folder> <out-folder> [<answers-folder>]\n       EvalReports.LlmLoop check <runs-folder> <variants-folder>");
    return 2;
}

var (runsDir, outDir, answersDir) = (args[0], args[1], args.Length == 3 ? args[2] : null);
Directory.CreateDirectory(outDir);

// One call at a time, so requests are numbered in a stable order; everything else as in production.
var options = new LlmOptions { Concurrency = 1 };
var report = new StringBuilder();
foreach (var file in Directory.GetFiles(runsDir, "*.json").Order(StringComparer.Ordinal))
{
    var run = Path.GetFileNameWithoutExtension(file);
    var input = SampleRun.Read(file);

    var client = new FileChatClient(run, outDir, answersDir);
    var summarizer = new LlmSummarizer(new ModelCaller(client, options), options, TimeProvider.System, NullLogger<LlmSummarizer>.Instance);
    var summary = await summarizer.SummarizeRunAsync(input, CancellationToken.None);

    report.AppendLine($"## {run}").AppendLine();
    report.AppendLine($"requests made: {client.Calls.Count}");
    for (var i = 0; i < client.Calls.Count; i++)
    {
        var call = client.Calls[i];
        var next = i + 1 < client.Calls.Count ? client.Calls[i + 1] : null;
        var verdict = call.AnswerPath is null
            ? $"no answer: write {Path.Combine(answersDir ?? "<answers>", $"{run}.{call.Number}.answer.txt")}"
            : next is { IsRetry: true } ? "answer rejected (see the next request's problems)" : "answer used";
        report.AppendLine($"- request {call.Number}{(call.IsRetry ? " (retry)" : string.Empty)}: {call.RequestPath} — {verdict}");
        if (call.IsRetry) report.AppendLine().AppendLine("  problems sent back:").AppendLine().AppendLine(Indent(call.Problems ?? string.Empty)).AppendLine();
    }

    report.AppendLine($"final summarizer: {summary.Summarizer}").AppendLine();
    report.AppendLine("passing_responses_summary:").AppendLine().AppendLine(Indent(summary.PassingResponsesSummary)).AppendLine();
    report.AppendLine("failing_responses_summary:").AppendLine().AppendLine(Indent(summary.FailingResponsesSummary)).AppendLine();
    report.AppendLine("improvement_advice:").AppendLine().AppendLine(Indent(summary.ImprovementAdvice)).AppendLine();
}

Console.Write(report.ToString());
File.WriteAllText(Path.Combine(outDir, "results.md"), report.ToString());
return 0;

static string Indent(string text) => string.Join("\n", text.Split('\n').Select(line => "    " + line));
