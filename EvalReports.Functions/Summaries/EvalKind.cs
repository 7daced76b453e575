using EvalReports.Contracts;

namespace EvalReports.Summaries;

/// <summary>The kinds of eval the advice knows how to talk about.</summary>
public enum EvalKind
{
    Other,
    Safety,
    Jailbreak,
    Accuracy,
    Agent,
}

public static class EvalKinds
{
    /// <summary>From eval_type ("safety", "image_safety", "jailbreak", "accuracy", "agent…"; is_jailbreak wins).</summary>
    public static EvalKind Of(Eval? evaluation)
    {
        var type = evaluation?.EvalType?.Trim().ToLowerInvariant() ?? string.Empty;
        if (evaluation?.IsJailbreak == true || type.Contains("jailbreak", StringComparison.Ordinal)) return EvalKind.Jailbreak;
        if (type.Contains("accuracy", StringComparison.Ordinal)) return EvalKind.Accuracy;
        if (type.Contains("agent", StringComparison.Ordinal)) return EvalKind.Agent;
        if (type.Contains("safety", StringComparison.Ordinal)) return EvalKind.Safety;
        return EvalKind.Other;
    }
}
