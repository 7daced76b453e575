namespace EvalReports.Summaries;

/// <summary>
/// Finds the part of the AI's instructions (system prompt) that a failure theme is about, to quote it verbatim:
/// the instructions are cut into clauses (at . ! ? ; : , and line breaks), each clause is scored by the theme's words
/// it contains (a label word counts 2, any other word the share of theme members that use it), and the best clause
/// is quoted: its whole sentence when that is short, else from the clause to the end of its sentence (or to where the
/// sentence goes on to another rule). Nothing is quoted when no clause shares a label word or
/// scores at least <see cref="MinScore"/>, and only clauses that state a rule count (see <see cref="IsRule"/>).
/// <see cref="ForCues"/> does the same for a fixed set of words.
/// </summary>
internal static class InstructionQuote
{
    public const double MinScore = 0.5;
    public const int MaxMembers = 12;
    public const int QuoteLength = 200;

    // Western and CJK punctuation ("。", "、", "！", "？", "；", "：", "，").
    private const string SentenceEnds = ".!?\n\u3002\uFF01\uFF1F";
    private const string ClauseEnds = ".!?;:,\n\u3002\u3001\uFF01\uFF1F\uFF1B\uFF1A\uFF0C";

    public static string? For(string? instructions, ItemTheme theme, ThemeCorpus corpus)
    {
        if (instructions is null) return null;
        var weights = ThemeWords(theme, corpus);
        if (weights.Count == 0) return null;

        Span<char> buffer = stackalloc char[Tokenizer.BufferLength];
        Span<char> scratch = stackalloc char[Tokenizer.BufferLength];
        var bestStart = -1;
        var bestScore = 0.0;
        var seen = new HashSet<int>();
        var clauseStart = 0;
        while (clauseStart < instructions.Length)
        {
            var clauseEnd = instructions.AsSpan(clauseStart).IndexOfAny(ClauseEnds);
            clauseEnd = clauseEnd < 0 ? instructions.Length : clauseStart + clauseEnd + 1;
            seen.Clear();
            double score = 0;
            var labelWord = false;
            var tokenizer = new Tokenizer(instructions.AsSpan(clauseStart, clauseEnd - clauseStart), buffer);
            while (tokenizer.MoveNext())
            {
                var id = corpus.Vocabulary.Find(tokenizer.Current, scratch);
                if (id < 0 || !seen.Add(id) || !weights.TryGetValue(id, out var weight)) continue;
                score += weight;
                labelWord |= weight >= 2;
            }
            if ((labelWord || score >= MinScore) && score > bestScore && IsRule(instructions, clauseStart, clauseEnd))
            {
                bestScore = score;
                bestStart = clauseStart;
            }
            clauseStart = clauseEnd;
        }
        return bestStart < 0 ? null : QuoteAt(instructions, bestStart);
    }

    /// <summary>
    /// The rule clause of the instructions that uses the most of <paramref name="cues"/> (words, compared after the
    /// same normalisation as themes: "contains" matches "contain"), at least <paramref name="minMatches"/> of them.
    /// For advice that is not about one theme (e.g. "say I don't know" in an accuracy eval).
    /// </summary>
    public static string? ForCues(string? instructions, StopWords stopWords, IReadOnlyCollection<string> cues, int minMatches)
    {
        if (instructions is null) return null;
        Span<char> buffer = stackalloc char[Tokenizer.BufferLength];
        Span<char> scratch = stackalloc char[Tokenizer.BufferLength];
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cue in cues)
        {
            var term = TermNormalizer.ToTerm(cue.ToLowerInvariant(), StopWords.ForLanguage("xx"), scratch);
            wanted.Add(term.IsEmpty ? cue : term.ToString());
        }
        var lookup = wanted.GetAlternateLookup<ReadOnlySpan<char>>();

        var bestStart = -1;
        var bestScore = minMatches - 1;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var clauseStart = 0;
        while (clauseStart < instructions.Length)
        {
            var clauseEnd = instructions.AsSpan(clauseStart).IndexOfAny(ClauseEnds);
            clauseEnd = clauseEnd < 0 ? instructions.Length : clauseStart + clauseEnd + 1;
            seen.Clear();
            var tokenizer = new Tokenizer(instructions.AsSpan(clauseStart, clauseEnd - clauseStart), buffer);
            while (tokenizer.MoveNext())
            {
                var word = tokenizer.Current;
                var term = TermNormalizer.ToTerm(word, stopWords, scratch);
                var key = term.IsEmpty ? word : term;
                if (lookup.TryGetValue(key, out var found)) seen.Add(found);
            }
            if (seen.Count > bestScore && IsRule(instructions, clauseStart, clauseEnd))
            {
                bestScore = seen.Count;
                bestStart = clauseStart;
            }
            clauseStart = clauseEnd;
        }
        return bestStart < 0 ? null : QuoteAt(instructions, bestStart);
    }

    /// <summary>The quote for a clause starting at <paramref name="clauseStart"/>.</summary>
    private static string QuoteAt(string instructions, int bestStart)
    {
        // The whole sentence when it is short; otherwise from the clause to the end of its sentence, or to where the
        // sentence goes on to another rule (", and …", "; …").
        var sentenceStart = instructions.AsSpan(0, bestStart).LastIndexOfAny(SentenceEnds) + 1;
        var sentence = instructions.AsSpan(sentenceStart).TrimStart();
        var sentenceEnd = sentence.IndexOfAny(SentenceEnds);
        if (sentenceEnd >= 0) sentence = sentence[..(sentence[sentenceEnd] == '\n' ? sentenceEnd : sentenceEnd + 1)];
        if (sentence.Length <= QuoteLength) return Excerpt.Quote(sentence.ToString(), QuoteLength);

        var quoted = instructions.AsSpan(bestStart).TrimStart();
        foreach (var joiner in (ReadOnlySpan<string>)["and ", "or ", "but "])
        {
            if (quoted.StartsWith(joiner, StringComparison.OrdinalIgnoreCase)) quoted = quoted[joiner.Length..];
        }
        sentenceEnd = quoted.IndexOfAny(SentenceEnds);
        if (sentenceEnd >= 0) quoted = quoted[..(quoted[sentenceEnd] == '\n' ? sentenceEnd : sentenceEnd + 1)];
        var nextRule = quoted.IndexOf(", and ", StringComparison.Ordinal);
        var semicolon = quoted.IndexOf(';');
        if (semicolon >= 0 && (nextRule < 0 || semicolon < nextRule)) nextRule = semicolon;
        if (nextRule > 0) quoted = quoted[..nextRule];
        return Excerpt.Quote(quoted.ToString(), QuoteLength);
    }

    private static readonly System.Buffers.SearchValues<string> RuleCues = System.Buffers.SearchValues.Create(
        ["never", "not ", "n't", "always", "must", "only", "if ", "avoid", "should", "refuse", "decline", "nunca", "siempre", "jamais", "toujours", "nie", "immer",
         "必ず", "絶対", "ないで", "てください", "禁止", "必须", "务必", "不要", "不得", "绝不"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the clause's sentence, up to the clause's end, states a rule (never, always, must, if …), not a list of topics.</summary>
    private static bool IsRule(string instructions, int clauseStart, int clauseEnd)
    {
        var sentenceStart = instructions.AsSpan(0, clauseStart).LastIndexOfAny(SentenceEnds) + 1;
        return instructions.AsSpan(sentenceStart, clauseEnd - sentenceStart).ContainsAny(RuleCues);
    }

    /// <summary>Label words weigh 2 plus their share; other words the share of (at most <see cref="MaxMembers"/>) members whose explanation uses them.</summary>
    private static Dictionary<int, double> ThemeWords(ItemTheme theme, ThemeCorpus corpus)
    {
        var weights = new Dictionary<int, double>();
        var members = Math.Min(theme.Count, MaxMembers);
        var seen = new HashSet<int>();
        for (var m = 0; m < members; m++)
        {
            var doc = theme.Members[m].ExplanationIndex;
            if (doc < 0) continue;
            seen.Clear();
            for (var t = corpus.TokenOffsets[doc]; t < corpus.TokenOffsets[doc + 1]; t++)
            {
                var id = corpus.TokenIds[t];
                if (corpus.Vocabulary.IsContent(id) && seen.Add(id)) weights[id] = weights.GetValueOrDefault(id) + 1.0 / members;
            }
        }
        Span<char> buffer = stackalloc char[Tokenizer.BufferLength];
        Span<char> scratch = stackalloc char[Tokenizer.BufferLength];
        var label = new Tokenizer(theme.Label.AsSpan(), buffer);
        while (label.MoveNext())
        {
            var id = corpus.Vocabulary.Find(label.Current, scratch);
            if (id >= 0) weights[id] = 2 + weights.GetValueOrDefault(id);
        }
        return weights;
    }
}
