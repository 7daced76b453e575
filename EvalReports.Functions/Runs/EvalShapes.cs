using System.Text.Json;
using System.Text.Json.Nodes;
using EvalReports.Contracts;
using EvalReports.Errors;

namespace EvalReports.Runs;

/// <summary>
/// The shapes Aymara evals send, each else a 422 naming the field: <c>ai_instructions</c> is a string,
/// AgentInstructions <c>{system_prompt: string, agent_name?: string, tools?: array}</c> or WorkflowInstructions
/// <c>{instructions: [AgentInstructions, …]}</c>; <c>ground_truth</c> is a string or a FileReference
/// <c>{file_uuid?: string, remote_file_path?: string}</c>. Other members are kept (and returned) as sent.
/// </summary>
public static class EvalShapes
{
    private const string Instructions = "evaluation.ai_instructions";
    private const string GroundTruth = "evaluation.ground_truth";

    public static void Check(Eval eval)
    {
        switch (eval.AiInstructions)
        {
            case null:
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                break;
            case JsonObject workflow when workflow.ContainsKey("instructions") && !workflow.ContainsKey("system_prompt"):
                if (workflow["instructions"] is not JsonArray agents) throw Invalid($"{Instructions}.instructions", "must be an array of AgentInstructions");
                for (var i = 0; i < agents.Count; i++) Agent(agents[i], $"{Instructions}.instructions[{i}]");
                break;
            case JsonObject agent:
                Agent(agent, Instructions);
                break;
            default:
                throw Invalid(Instructions, "must be a string, AgentInstructions or WorkflowInstructions");
        }

        switch (eval.GroundTruth)
        {
            case null:
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                break;
            case JsonObject file:
                OptionalString(file, "file_uuid", GroundTruth);
                OptionalString(file, "remote_file_path", GroundTruth);
                break;
            default:
                throw Invalid(GroundTruth, "must be a string or a FileReference {file_uuid, remote_file_path}");
        }
    }

    private static void Agent(JsonNode? node, string field)
    {
        if (node is not JsonObject agent) throw Invalid(field, "must be AgentInstructions {system_prompt, agent_name?, tools?}");
        if (agent["system_prompt"] is not JsonValue prompt || prompt.GetValueKind() != JsonValueKind.String)
        {
            throw Invalid($"{field}.system_prompt", "is required and must be a string");
        }
        OptionalString(agent, "agent_name", field);
        if (agent["tools"] is { } tools && tools is not JsonArray) throw Invalid($"{field}.tools", "must be an array");
    }

    private static void OptionalString(JsonObject node, string name, string field)
    {
        if (node[name] is { } value && (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
        {
            throw Invalid($"{field}.{name}", "must be a string");
        }
    }

    private static ApiException Invalid(string field, string rule) =>
        new(422, "validation.invalid_request", $"{field} {rule}.", new Dictionary<string, object?> { ["field"] = field });
}
