namespace EvalReports.Summaries;

/// <summary>The usual ways agents fail, recognised by keywords in the scorer's explanations and prompts.</summary>
internal static class AgentFailureSignals
{
    public static readonly IReadOnlyList<KeywordSignal> All =
    [
        new("tool use", "Fix tool use",
            ["tool", "function call", "api call", "parameter", "argument", "did not call", "didn't call", "wrong function"],
            "Call the right tool with the values the user gave, check its result, and never report an action as done unless a tool call confirmed it."),
        new("instruction following", "Follow the instructions and required format",
            ["instruction", "format", "ignored", "was asked", "were asked", "requested", "required", "constraint"],
            "Before answering, check every instruction and constraint in the request and in this prompt, including the required output format."),
        new("acting without confirmation", "Ask before acting",
            ["without confirm", "without asking", "permission", "irreversible", "without approval"],
            "Ask the user to confirm before any action that changes or deletes data, spends money or cannot be undone."),
        new("fabrication", "Do not invent results",
            ["fabricat", "invent", "made up", "hallucinat"],
            "Only report information that a tool returned or the user gave; say so when you do not have it."),
    ];
}
