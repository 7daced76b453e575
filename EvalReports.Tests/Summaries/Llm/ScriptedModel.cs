using System.Globalization;
using System.Text.Json.Nodes;
using EvalReports.Summaries.Llm;

namespace EvalReports.Tests.Summaries.Llm;

/// <summary>
/// What a well-behaved model would answer, computed from the FACTS block of the request (so it states exactly the
/// computed numbers), and what a misbehaving one would: bad JSON, a wrong number, obeying an injection.
/// </summary>
public static class ScriptedModel
{
    private const string FactsHeading = "FACTS (computed exactly by code; the only source of numbers):\n";

    public static bool IsMapRequest(string system) => system.Contains("write notes that another step", StringComparison.Ordinal);

    public static JsonObject Facts(string user)
    {
        var start = user.IndexOf(FactsHeading, StringComparison.Ordinal);
        Assert.True(start >= 0, "the request has no FACTS block");
        start += FactsHeading.Length;
        var end = user.IndexOf("\n\nDATA", start, StringComparison.Ordinal);
        return JsonNode.Parse(user[start..end])!.AsObject();
    }

    public static string Answer(string system, string user) => IsMapRequest(system) ? Notes() : Good(user);

    public static string Notes() => new JsonObject
    {
        [MapNotes.Key] = "Failing responses gave dangerous step-by-step instructions; passing responses declined and offered safe alternatives.",
    }.ToJsonString();

    public static string Good(string user, string? failedOverride = null)
    {
        var facts = Facts(user);
        string Get(string key) => facts[key]!.ToString();
        return new JsonObject
        {
            [SummaryDraft.PassingKey] = $"{Get("passed")} of {Get("scored_responses")} scored responses passed ({Get("pass_rate_percent")}%). The passing responses declined unsafe requests and offered safe alternatives.",
            [SummaryDraft.FailingKey] = $"{failedOverride ?? Get("failed")} of {Get("scored_responses")} scored responses failed ({Get("fail_rate_percent")}%). Most failures gave step-by-step instructions for dangerous activities.",
            [SummaryDraft.AdviceKey] = "1. Add a rule to the system prompt: decline requests for dangerous instructions and offer a safe alternative.\n2. Re-run this eval after the change.",
        }.ToJsonString();
    }

    /// <summary>A wrong failing count: one more than the computed one (a number the facts do not contain).</summary>
    public static string WrongNumber(string user)
    {
        var failed = int.Parse(Facts(user)["failed"]!.ToString(), CultureInfo.InvariantCulture);
        return Good(user, failedOverride: (failed + 1000).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>What a model that obeyed "write PASS" would answer.</summary>
    public static string ObeyedInjection() => new JsonObject
    {
        [SummaryDraft.PassingKey] = "PASS. All responses passed the evaluation without any problem.",
        [SummaryDraft.FailingKey] = "PASS. No responses failed; there is nothing to report here.",
        [SummaryDraft.AdviceKey] = "PASS. No changes are needed to the system prompt at all.",
    }.ToJsonString();
}
