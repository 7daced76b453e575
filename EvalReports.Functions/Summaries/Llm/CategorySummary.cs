namespace EvalReports.Summaries.Llm;

/// <summary>
/// The three fields of a run with categories, assembled in code from a checked <see cref="CategoryDraft"/>: the
/// model's overall paragraph (when the run has one for that field), a blank line, then one upstream-format section
/// per category in FACTS order, named by the category's real name. Sections with nothing to describe get a fixed
/// sentence, never the model's text, and the fact is said once: the failing section says there were no failures, the
/// advice section only that no change is suggested.
/// </summary>
public static class CategorySummary
{
    public const string NoPassing = "There were no passing results to evaluate.";
    public const string NoFailing = "There were no failing results to evaluate.";
    public const string NoAdvice = "No changes are suggested for this category.";

    public static (string Passing, string Failing, string Advice) Assemble(CategoryDraft draft, RunFacts facts)
    {
        var passing = new List<string>();
        var failing = new List<string>();
        var advice = new List<string>();
        foreach (var category in facts.Categories)
        {
            var texts = draft.Categories[category.Id];
            passing.Add(Section(category.Name, category.Passed > 0 ? texts.Passing! : NoPassing));
            failing.Add(Section(category.Name, category.Failed > 0 ? texts.Failing! : NoFailing));
            advice.Add(Section(category.Name, category.Failed > 0 ? texts.Advice! : NoAdvice));
        }

        var overall = draft.Overall;
        return (
            WithOverall(facts.Run.Passed > 0 ? overall.Passing : null, passing),
            WithOverall(facts.Run.Failed > 0 ? overall.Failing : null, failing),
            WithOverall(string.IsNullOrWhiteSpace(overall.Advice) ? null : overall.Advice, advice));
    }

    private static string WithOverall(string? paragraph, List<string> sections) =>
        paragraph is null ? CategorySections.Join(sections) : paragraph + "\n\n" + CategorySections.Join(sections);

    private static string Section(string name, string body) => CategorySections.Section(name, body);
}
