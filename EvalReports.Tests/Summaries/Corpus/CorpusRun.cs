using System.Globalization;
using System.Text.Json.Nodes;
using EvalReports.Contracts;
using EvalReports.Summaries;

namespace EvalReports.Tests.Summaries.Corpus;

/// <summary>
/// A failure pattern planted in a corpus run, as a reader should learn it from the report: its name and the key content
/// words that name it (a label or line of the failing summary must carry at least <see cref="Needed"/> of them).
/// </summary>
public sealed record PlantedPattern(string Name, IReadOnlyList<string> KeyWords, int Needed = 2);

/// <summary>One realistic run of the corpus: the summarizer's input, the failure patterns planted in it, and the prompts of benign requests it passed.</summary>
public sealed record CorpusRun(string Key, RunSummaryInput Input, IReadOnlyList<PlantedPattern> Patterns, IReadOnlyList<string> BenignPassingPrompts)
{
    public IEnumerable<ScoredResponse> Scored => Input.Responses.Where(r => r.ExcludeFromScoring != true && r.IsPassed is not null);

    public int Failed => Scored.Count(r => r.IsPassed == false);

    /// <summary>Every text a summary may quote (Markdown markers removed as well, since quotes drop them).</summary>
    public IReadOnlyList<string> QuotableTexts()
    {
        var texts = new List<string>();
        texts.AddRange(Input.Prompts.Select(p => p.Content).OfType<string>());
        foreach (var response in Scored)
        {
            if (response.Content is JsonValue value && value.TryGetValue<string>(out var content)) texts.Add(content);
            if (response.Explanation is not null) texts.Add(response.Explanation);
        }
        texts.AddRange(SystemPrompts(Input.Run.Evaluation?.AiInstructions));
        return texts.Concat(texts.Select(WithoutMarkdown)).ToArray();
    }

    /// <summary>The system prompts of any ai_instructions shape (read independently of the code under test).</summary>
    public static IEnumerable<string> SystemPrompts(JsonNode? instructions) => instructions switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        JsonObject o when o["system_prompt"] is JsonValue p && p.TryGetValue<string>(out var s) => [s],
        JsonObject o when o["instructions"] is JsonArray agents => agents.SelectMany(a => SystemPrompts(a)),
        _ => [],
    };

    /// <summary>
    /// The plain reading of a text, by an independent formula: per line, leading blanks and a heading mark or list bullet
    /// dropped; lines joined by spaces; every * and ` dropped; whitespace runs collapsed.
    /// </summary>
    public static string WithoutMarkdown(string text)
    {
        var lines = text.Split('\n').Select(line => System.Text.RegularExpressions.Regex.Replace(line.TrimEnd('\r').TrimStart(' ', '\t'), @"^(?:#+|[-*•+]|\d+\.)(?=[ \t]|$)[ \t]*", ""));
        var joined = string.Join(' ', lines).Replace("*", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal);
        return System.Text.RegularExpressions.Regex.Replace(joined, @"\s+", " ").Trim();
    }
}

/// <summary>Builds a corpus run from its responses, in the order given (real runs come in prompt order).</summary>
public sealed class CorpusRunBuilder(string key, string name, string evalType)
{
    private readonly List<(string Prompt, JsonNode? Content, string Explanation, bool Passed, bool? Refused, string? Category)> _rows = [];
    private readonly List<PlantedPattern> _patterns = [];
    private readonly List<string> _benign = [];
    private JsonNode? _instructions;
    private JsonNode? _groundTruth;
    private string _language = "en";
    private string _modality = "text";
    private string? _runUuid;

    public CorpusRunBuilder Instructions(JsonNode? instructions) { _instructions = instructions; return this; }

    public CorpusRunBuilder GroundTruth(JsonNode? groundTruth) { _groundTruth = groundTruth; return this; }

    public CorpusRunBuilder Language(string language) { _language = language; return this; }

    public CorpusRunBuilder Modality(string modality) { _modality = modality; return this; }

    public CorpusRunBuilder RunUuid(string uuid) { _runUuid = uuid; return this; }

    public CorpusRunBuilder Pattern(string name, params string[] keyWords) { _patterns.Add(new PlantedPattern(name, keyWords)); return this; }

    public CorpusRunBuilder Pattern(int needed, string name, params string[] keyWords) { _patterns.Add(new PlantedPattern(name, keyWords, needed)); return this; }

    public CorpusRunBuilder Fail(string prompt, JsonNode? content, string explanation, bool? refused = null, string? category = null)
    {
        _rows.Add((prompt, content, explanation, false, refused, category));
        return this;
    }

    public CorpusRunBuilder Pass(string prompt, JsonNode? content, string explanation, bool? refused = null, string? category = null, bool benign = false)
    {
        _rows.Add((prompt, content, explanation, true, refused, category));
        if (benign) _benign.Add(prompt);
        return this;
    }

    public CorpusRun Build()
    {
        var prompts = new List<EvalPrompt>();
        var responses = new List<ScoredResponse>();
        for (var i = 0; i < _rows.Count; i++)
        {
            var row = _rows[i];
            var id = i.ToString("D4", CultureInfo.InvariantCulture);
            prompts.Add(new EvalPrompt { PromptUuid = $"{key}-p{id}", Content = row.Prompt, Category = row.Category });
            responses.Add(new ScoredResponse
            {
                PromptUuid = $"{key}-p{id}",
                ResponseUuid = $"{key}-r{id}",
                Content = row.Content,
                ContentType = _modality,
                Explanation = row.Explanation,
                IsPassed = row.Passed,
                AiRefused = row.Refused,
                Confidence = 0.9,
            });
        }
        var uuid = _runUuid ?? $"{key}-run";
        var scored = responses.Count;
        var run = new EvalRunResult
        {
            EvalRunUuid = uuid,
            EvalUuid = $"{key}-eval",
            Name = name,
            Status = "finished",
            CreatedAt = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero),
            UpdatedAt = new DateTimeOffset(2026, 11, 20, 10, 5, 0, TimeSpan.Zero),
            WorkspaceUuid = "workspace-corpus",
            NumPrompts = prompts.Count,
            NumResponsesScored = scored,
            PassRate = scored == 0 ? null : responses.Count(r => r.IsPassed == true) / (double)scored,
            Evaluation = new Eval
            {
                EvalUuid = $"{key}-eval",
                Name = name,
                EvalType = evalType,
                AiInstructions = _instructions,
                GroundTruth = _groundTruth,
                Language = _language,
                Modality = _modality,
                NumPrompts = prompts.Count,
                Status = "finished",
            },
            Responses = responses,
        };
        return new CorpusRun(key, new RunSummaryInput(run, prompts, responses), _patterns, _benign);
    }
}
