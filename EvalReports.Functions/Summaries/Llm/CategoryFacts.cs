using System.Text.Json.Nodes;

namespace EvalReports.Summaries.Llm;

/// <summary>
/// One prompt category, computed in code: its id ("C1"…, the key the model answers under), its name (imported data:
/// it goes to the model only inside the data block), its entry in FACTS.categories, and what the checks allow in that
/// category's texts (only this entry's numbers and digits of its own name, never another category's or the whole run's).
/// </summary>
public sealed record CategoryFacts(string Id, string Name, FactScope Scope, JsonObject Entry)
{
    public int Scored => Scope.Scored;
    public int Passed => Scope.Passed;
    public int Failed => Scope.Failed;

    internal static CategoryFacts Of(string id, LlmGroup group)
    {
        var (entry, percentages) = RunFacts.Counts(group, id + "-");
        entry.Insert(0, "category", id);
        var numbers = RunFacts.NumbersIn(UntrustedBlock.Encode(entry, indented: false));
        numbers.UnionWith(RunFacts.NumbersIn(group.Category ?? string.Empty)); // "Grade 5 math" may be named
        var scope = new FactScope($"category {id}", group.Scored, group.Passed, group.Failed, group.Refusals, numbers, percentages.All);
        return new CategoryFacts(id, group.Category!, scope, entry);
    }
}
