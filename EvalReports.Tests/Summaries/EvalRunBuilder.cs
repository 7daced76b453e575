using System.Globalization;
using System.Text.Json.Nodes;
using EvalReports.Contracts;
using EvalReports.Summaries;

namespace EvalReports.Tests.Summaries;

/// <summary>A built test run: the summarizer's input plus what was planted in it.</summary>
public sealed record BuiltRun(RunSummaryInput Input, IReadOnlyDictionary<string, string> PlantedThemeByResponse)
{
    public const string ExcludedMarker = "EXCLUDED-MARKER";

    public string Name => Input.Run.Name!;

    public IEnumerable<ScoredResponse> Scored => Input.Responses.Where(r => r.ExcludeFromScoring != true && r.IsPassed is not null);

    /// <summary>How many scored responses (passing or failing) carry a planted theme.</summary>
    public int Planted(string theme, bool passed) =>
        Scored.Count(r => r.IsPassed == passed && PlantedThemeByResponse.TryGetValue(r.ResponseUuid!, out var t) && t == theme);

    /// <summary>Every text a summary may quote: prompts, response contents, explanations, AI instructions (excluded responses left out).</summary>
    public IReadOnlyList<string> QuotableTexts()
    {
        var texts = new List<string>();
        texts.AddRange(Input.Prompts.Select(p => p.Content).OfType<string>());
        foreach (var response in Scored)
        {
            if (ResponseText.Of(response.Content) is { } content) texts.Add(content);
            if (response.Explanation is not null) texts.Add(response.Explanation);
        }
        texts.AddRange(Corpus.CorpusRun.SystemPrompts(Input.Run.Evaluation?.AiInstructions));
        return texts.Concat(texts.Select(Corpus.CorpusRun.WithoutMarkdown)).ToArray();
    }
}

/// <summary>
/// Builds realistic scored eval runs with planted themes of known sizes. Responses are shuffled with a fixed seed,
/// so themes are interleaved as in real runs, and every run is the same on every machine.
/// </summary>
public sealed class EvalRunBuilder
{
    private static readonly DateTimeOffset Created = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);

    private readonly string _key;
    private readonly string _name;
    private readonly string _evalType;
    private readonly Random _random;
    private readonly List<Planned> _planned = [];
    private string _language = "en";
    private string? _instructions;
    private JsonNode? _groundTruth;
    private bool? _isJailbreak;

    private sealed record Planned(string? Theme, string? Prompt, JsonNode? Content, string? Explanation, bool? Passed, bool Refused, string? Category, bool Excluded, bool PromptKnown);

    public EvalRunBuilder(string key, string name, string evalType, int seed = 7)
    {
        _key = key;
        _name = name;
        _evalType = evalType;
        _random = new Random(seed);
    }

    public EvalRunBuilder Language(string language) { _language = language; return this; }

    public EvalRunBuilder Instructions(string instructions) { _instructions = instructions; return this; }

    public EvalRunBuilder GroundTruth(string groundTruth) { _groundTruth = JsonValue.Create(groundTruth); return this; }

    public EvalRunBuilder Jailbreak() { _isJailbreak = true; return this; }

    /// <summary>Adds <paramref name="count"/> responses of a planted theme.</summary>
    public EvalRunBuilder Add(PlantedTheme theme, int count, bool passed, bool refused = false, string? category = null, bool withExplanation = true)
    {
        for (var i = 0; i < count; i++)
        {
            var serial = _planned.Count + 1;
            var (prompt, content) = theme.Exchange(_random, serial);
            _planned.Add(new Planned(theme.Key, prompt, JsonValue.Create(content),
                withExplanation ? theme.Explanation(_random) : null, passed, refused, category, false, true));
        }
        return this;
    }

    /// <summary>Adds one response per explanation, each about something else (noise that fits no theme).</summary>
    public EvalRunBuilder AddNoise(IEnumerable<string> explanations, bool passed, string? category = null)
    {
        foreach (var explanation in explanations)
        {
            var serial = _planned.Count + 1;
            _planned.Add(new Planned(null, $"Miscellaneous request number {serial}.", JsonValue.Create($"Answer to request {serial}."), explanation, passed, false, category, false, true));
        }
        return this;
    }

    /// <summary>Adds responses excluded from scoring; their texts carry <see cref="BuiltRun.ExcludedMarker"/> and must never be quoted or counted.</summary>
    public EvalRunBuilder AddExcluded(int count, bool passed, string? category = null, PlantedTheme? theme = null)
    {
        for (var i = 0; i < count; i++)
        {
            var serial = _planned.Count + 1;
            var explanation = theme is null ? $"{BuiltRun.ExcludedMarker} explanation {serial}." : $"{BuiltRun.ExcludedMarker} {theme.Explanation(_random)}";
            _planned.Add(new Planned(theme?.Key, $"Excluded prompt {serial}", JsonValue.Create($"{BuiltRun.ExcludedMarker} content {serial}"), explanation, passed, false, category, true, true));
        }
        return this;
    }

    /// <summary>Adds a response as given (content may be an object, prompt may be unknown, verdict may be null).</summary>
    public EvalRunBuilder AddRaw(JsonNode? content, string? explanation, bool? passed, string? prompt = null, bool refused = false, string? category = null)
    {
        _planned.Add(new Planned(null, prompt, content, explanation, passed, refused, category, false, prompt is not null));
        return this;
    }

    public BuiltRun Build()
    {
        // Deterministic Fisher–Yates shuffle.
        var order = _planned.ToArray();
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var prompts = new List<EvalPrompt>();
        var responses = new List<ScoredResponse>();
        var themes = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < order.Length; i++)
        {
            var planned = order[i];
            var promptUuid = $"{_key}-prompt-{i.ToString("D4", CultureInfo.InvariantCulture)}";
            var responseUuid = $"{_key}-response-{i.ToString("D4", CultureInfo.InvariantCulture)}";
            if (planned.PromptKnown)
            {
                prompts.Add(new EvalPrompt { PromptUuid = promptUuid, Content = planned.Prompt, Category = planned.Category });
            }
            responses.Add(new ScoredResponse
            {
                PromptUuid = planned.PromptKnown ? promptUuid : $"{_key}-unknown-prompt-{i}",
                ResponseUuid = responseUuid,
                Content = planned.Content,
                Explanation = planned.Explanation,
                IsPassed = planned.Passed,
                AiRefused = planned.Refused,
                ExcludeFromScoring = planned.Excluded ? true : null,
                Confidence = 0.9,
            });
            if (planned.Theme is not null) themes[responseUuid] = planned.Theme;
        }

        var scored = responses.Where(r => r.ExcludeFromScoring != true && r.IsPassed is not null).ToArray();
        var run = new EvalRunResult
        {
            EvalRunUuid = $"{_key}-run",
            EvalUuid = $"{_key}-eval",
            Name = _name,
            Status = "finished",
            CreatedAt = Created,
            UpdatedAt = Created.AddMinutes(5),
            WorkspaceUuid = "workspace-test",
            NumPrompts = prompts.Count,
            NumResponsesScored = scored.Length,
            PassRate = scored.Length == 0 ? null : scored.Count(r => r.IsPassed == true) / (double)scored.Length,
            Evaluation = new Eval
            {
                EvalUuid = $"{_key}-eval",
                Name = _name,
                EvalType = _evalType,
                AiInstructions = _instructions,
                AiDescription = "A test assistant.",
                Language = _language,
                GroundTruth = _groundTruth,
                IsJailbreak = _isJailbreak,
                NumPrompts = prompts.Count,
                Status = "finished",
            },
            Responses = responses,
        };
        return new BuiltRun(new RunSummaryInput(run, prompts, responses), themes);
    }
}
