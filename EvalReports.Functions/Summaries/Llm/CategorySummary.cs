namespace EvalReports.Summaries.Llm;

/// <summary>
/// The three fields of a run with categories, assembled in code from a checked <see cref="CategoryDraft"/> with the
/// embedded summarizer's section writer (<see cref="CategorySections"/>), one section per category in FACTS order.
/// Sections with nothing to describe get the embedded summarizer's fixed sentences, never the model's text.
/// </summary>
public static class CategorySummary
{
    public static (string Passing, string Failing, string Advice) Assemble(CategoryDraft draft, RunFacts facts)
    {
        var passing = new List<string>();
        var failing = new List<string>();
        var advice = new List<string>();
        foreach (var category in facts.Categories)
        {
            var texts = draft.Categories[category.Name];
            passing.Add(CategorySections.Section(category.Name, category.Passed > 0 ? texts.Passing! : ResponseSummaryWriter.NoPassing));
            failing.Add(CategorySections.Section(category.Name, category.Failed > 0 ? texts.Failing! : ResponseSummaryWriter.NoFailing));
            advice.Add(CategorySections.Section(category.Name, category.Failed > 0 ? texts.Advice! : AdviceWriter.NoFailingCategoryAdvice));
        }

        return (CategorySections.Join(passing), CategorySections.Join(failing), CategorySections.Join(advice));
    }
}
