using System.Text.Json;
using EvalReports.Contracts;

namespace EvalReports.Exports;

/// <summary>One scored response of a run, with its prompt's text and category, as the exports write it.</summary>
public sealed record ExportRow(EvalRunReport Run, ScoredResponse Response, string? PromptText, string? Category)
{
    public bool Passed => Response.IsPassed == true;

    public bool Refused => Response.AiRefused == true;

    /// <summary>The response as text: a string as it is, any other content (e.g. an image reference) as its JSON.</summary>
    public string ResponseText => Response.Content switch
    {
        null => "",
        var c when c.GetValueKind() == JsonValueKind.String => c.GetValue<string>(),
        var c => c.ToJsonString(),
    };
}
