using EvalReports.Summaries;
using EvalReports.Summaries.Llm;

namespace EvalReports.LlmLoop;

/// <summary>Checks hand-written answers (<c>&lt;run&gt;.&lt;label&gt;.answer.txt</c>) with the summarizer's own checks.</summary>
internal static class Variants
{
    public static int Check(string runsDir, string variantsDir)
    {
        var passed = 0;
        var files = Directory.GetFiles(variantsDir, "*.answer.txt").Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var run = name[..name.IndexOf('.', StringComparison.Ordinal)];
            var input = SampleRun.Read(Path.Combine(runsDir, run + ".json"));
            var facts = RunFacts.From(input, EmbeddedSummarizer.SummarizeRun(input).Digest);
            var (draft, problems) = FinalAnswer.Check(File.ReadAllText(file), facts);
            if (draft is not null) passed++;
            Console.WriteLine($"{(draft is null ? "REJECTED" : "passed  ")} {name}");
            foreach (var problem in problems)
            {
                Console.WriteLine($"    - {problem.Reason}{(problem.Sentence is null ? string.Empty : $" [sentence: {problem.Sentence}]")}");
            }
        }

        Console.WriteLine($"{passed} of {files.Count} variants pass");
        return 0;
    }
}
