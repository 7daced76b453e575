using System.Text;
using System.Text.RegularExpressions;

namespace EvalReports.Summaries;

/// <summary>
/// Names what the AI did in plain words, from the scorer's explanations: a clause (a sentence cut at ; : and at
/// ", which", ", because" and the like), with the run's boilerplate left out and, in English, the subject ("The AI",
/// "The response", "It") dropped, so the label reads as a predicate: "gave a specific dose for a toddler against the
/// label". A theme's label is the clause of one of its members that best stands for all of them: the members whose
/// explanation shares at least half of the clause's content words (weighted by idf) must be most of the theme.
/// </summary>
internal static partial class ClauseLabel
{
    public const int MaxWords = 16;
    public const int MaxSample = 12;
    public const double MinSupport = 0.5;

    /// <summary>A clause: tokens [First, End) of one text; Predicate when an English subject was dropped.</summary>
    private readonly record struct Clause(int Doc, int First, int End, bool Predicate, bool NamedTheAi = false);

    /// <summary>The label of a theme whose members are corpus texts <paramref name="docs"/>, or null when no clause is supported by most members.</summary>
    /// <remarks>
    /// A member "supports" a clause when it shares at least half of the clause's (idf-weighted) content words; when no
    /// clause about what the AI did has the support of most sampled members, a third is enough and any clause may win.
    /// </remarks>
    public static (string Text, bool Predicate, int Doc)? ForTheme(ThemeCorpus corpus, IReadOnlyList<int> docs, bool english)
    {
        var sample = Math.Min(docs.Count, MaxSample);
        if (sample == 0) return null;
        var candidates = Candidates(corpus, docs, sample, english);
        return Best(corpus, candidates, sample, strict: true) ?? Best(corpus, candidates, sample, strict: false);
    }

    /// <summary>A clause of a sampled member, with how well the sampled members cover its content words.</summary>
    private readonly record struct Candidate(Clause Clause, double CoverageSum, int Words, int SupportedAtHalf, int SupportedAtThird, bool Context, bool Judging, bool Subordinate);

    private static List<Candidate> Candidates(ThemeCorpus corpus, IReadOnlyList<int> docs, int sample, bool english)
    {
        var sampled = new int[sample];
        // Bit s of marks[word] is set when sampled member s uses the word: one array read per word instead of a set per member.
        var marks = corpus.WordMarks();
        var touched = new List<int>(64);
        var shared = new double[sample];
        var words = new List<int>(MaxWords * 2);
        var candidates = new List<Candidate>();
        try
        {
            for (var s = 0; s < sample; s++)
            {
                var doc = sampled[s] = docs[(int)((long)s * docs.Count / sample)];
                for (var t = corpus.TokenOffsets[doc]; t < corpus.TokenOffsets[doc + 1]; t++)
                {
                    var id = corpus.TokenIds[t];
                    if (corpus.Boilerplate[t] || !corpus.Vocabulary.IsContent(id)) continue;
                    if (marks[id] == 0) touched.Add(id);
                    marks[id] |= 1 << s;
                }
            }

            foreach (var doc in sampled)
            {
                foreach (var clause in Clauses(corpus, doc, english))
                {
                    DistinctContentWords(corpus, clause.First, clause.End, words);
                    if (words.Count < 2) continue;
                    double total = 0;
                    Array.Clear(shared);
                    foreach (var w in words)
                    {
                        var weight = Weight(corpus, w);
                        total += weight;
                        for (var bits = marks[w]; bits != 0; bits &= bits - 1) shared[System.Numerics.BitOperations.TrailingZeroCount(bits)] += weight;
                    }
                    double coverageSum = 0;
                    int half = 0, third = 0;
                    for (var s = 0; s < sample; s++)
                    {
                        var coverage = total > 0 ? shared[s] / total : 0;
                        coverageSum += coverage;
                        // A shared weight above zero means at least one shared word (weights are at least 0.1).
                        if (shared[s] > 0 && coverage >= 0.5) half++;
                        if (shared[s] > 0 && coverage >= 0.3) third++;
                    }
                    var lead = corpus.Vocabulary.Display(corpus.TokenIds[clause.First]);
                    var subordinate = lead is "which" or "that" or "even" or "although" or "though" or "while" or "whereas" or "could" or "would" or "this" or "these" or "it's";
                    candidates.Add(new Candidate(clause, coverageSum, words.Count, half, third, ContextLead(corpus, clause), JudgeWords(corpus, clause), subordinate));
                }
            }
        }
        finally
        {
            foreach (var id in touched) marks[id] = 0;
        }
        return candidates;
    }

    private static (string Text, bool Predicate, int Doc)? Best(ThemeCorpus corpus, List<Candidate> candidates, int sample, bool strict)
    {
        Clause? best = null;
        var bestScore = 0.0;
        foreach (var c in candidates)
        {
            if ((strict ? c.SupportedAtHalf : c.SupportedAtThird) < MinSupport * sample) continue;
            // Strict pass: only clauses about what the AI did (not the user's context, not the judge's verdict).
            if (strict && (c.Context || c.Judging)) continue;
            var length = c.Clause.End - c.Clause.First;
            var score = c.CoverageSum / sample * (1 + 0.08 * Math.Min(c.Words, 6)) * (length > MaxWords ? 0.8 : 1) * (c.Clause.Predicate ? 1.4 : 1)
                * (c.Context ? 0.5 : 1) * (c.Subordinate ? 0.6 : 1) * (c.Judging ? 0.7 : 1);
            if (score > bestScore + 1e-12)
            {
                bestScore = score;
                best = c.Clause;
            }
        }
        return best is { } chosen ? (Render(corpus, chosen), chosen.Predicate, chosen.Doc) : null;
    }

    /// <summary>The clause's content words outside boilerplate, each once, in order of first use.</summary>
    private static void DistinctContentWords(ThemeCorpus corpus, int first, int end, List<int> words)
    {
        words.Clear();
        for (var t = first; t < end; t++)
        {
            var id = corpus.TokenIds[t];
            if (!corpus.Boilerplate[t] && corpus.Vocabulary.IsContent(id) && !words.Contains(id)) words.Add(id);
        }
    }

    /// <summary>Why one response failed (or passed), in a few words: its explanation's clause about what the AI did, else its first clause.</summary>
    public static (string Text, bool Predicate)? ForText(ThemeCorpus corpus, int doc, bool english, int maxWords = MaxWords) =>
        Reason(corpus, doc, english, maxWords) is { } r ? (r.Text, r.Predicate) : null;

    /// <summary>As <see cref="ForText"/>, and whether the explanation named the AI as the subject ("The AI …", not "It …").</summary>
    public static (string Text, bool Predicate, bool NamedTheAi)? Reason(ThemeCorpus corpus, int doc, bool english, int maxWords = MaxWords)
    {
        Clause? best = null;
        var bestWords = 0;
        var seen = 0;
        var words = new List<int>(MaxWords * 2);
        foreach (var clause in Clauses(corpus, doc, english))
        {
            DistinctContentWords(corpus, clause.First, clause.End, words);
            var count = words.Count;
            if (count == 0) continue;
            if (clause.Predicate && count >= 2) return (Render(corpus, clause, maxWords), true, clause.NamedTheAi);
            if (seen++ < 3 && count > bestWords && bestWords < 3)
            {
                best = clause;
                bestWords = count;
            }
        }
        return best is { } c ? (Render(corpus, c, maxWords), c.Predicate, c.NamedTheAi) : null;
    }

    /// <summary>True for context, not conduct: "The user disclosed …", "The request …".</summary>
    private static bool ContextLead(ThemeCorpus corpus, Clause clause)
    {
        for (var t = clause.First; t < Math.Min(clause.End, clause.First + 2); t++)
        {
            if (corpus.Vocabulary.Display(corpus.TokenIds[t]) is "user" or "user's" or "i" or "i'm" or "my" or "me" or "request" or "prompt" or "question" or "customer" or "patient") return true;
        }
        return false;
    }

    /// <summary>True when the clause is the judge's verdict ("violates the policy", "the eval prohibits") rather than what the AI did.</summary>
    private static bool JudgeWords(ThemeCorpus corpus, Clause clause)
    {
        for (var t = clause.First; t < clause.End; t++)
        {
            var word = corpus.Vocabulary.Display(corpus.TokenIds[t]);
            if (word is "policy" or "eval" or "evaluation" or "criteria" or "compliant" or "complies" or "comply" or "violates" or "violation"
                or "prohibits" or "guidelines" or "acceptable" or "unacceptable" or "behavior" or "behaviour" or "fails" or "part") return true;
        }
        return false;
    }

    private static double Weight(ThemeCorpus corpus, int word) => corpus.Idf[word] + 0.1;

    /// <summary>The clauses of a text: runs of non-boilerplate tokens between clause marks.</summary>
    private static IEnumerable<Clause> Clauses(ThemeCorpus corpus, int doc, bool english)
    {
        var text = corpus.Texts[doc];
        var from = corpus.TokenOffsets[doc];
        var end = corpus.TokenOffsets[doc + 1];
        var start = -1;
        var afterBoilerplate = false;
        for (var t = from; t <= end; t++)
        {
            var stop = t == end || corpus.Boilerplate[t] || (t > from && BreaksBefore(text, corpus, t));
            if (stop && start >= 0)
            {
                foreach (var clause in Trimmed(corpus, doc, start, t, english, afterBoilerplate)) yield return clause;
                start = -1;
            }
            if (t == end) break;
            if (corpus.Boilerplate[t])
            {
                afterBoilerplate = true;
                continue;
            }
            if (start < 0)
            {
                start = t;
                if (t > from && !corpus.Boilerplate[t - 1]) afterBoilerplate = false;
            }
        }
    }

    private static IEnumerable<Clause> Trimmed(ThemeCorpus corpus, int doc, int first, int end, bool english, bool afterBoilerplate)
    {
        var predicate = afterBoilerplate && english;
        var namedTheAi = false;
        while (first < end && !corpus.Vocabulary.IsContent(corpus.TokenIds[first]) && IsDroppableLead(corpus, first)) first++;
        if (english && first + 1 < end && corpus.Vocabulary.Display(corpus.TokenIds[first]) == "which"
            && corpus.Vocabulary.Display(corpus.TokenIds[first + 1]) is "is" or "was" or "are" or "were")
        {
            // ", which is tax evasion" names the kind of failure: "tax evasion".
            first += 2;
            predicate = false;
        }
        if (first < end && corpus.Vocabulary.Display(corpus.TokenIds[first]) is "which" or "that" or "even" or "although" or "though" or "while" or "whereas") predicate = false;
        if (english && first < end && MaySubject(corpus.Vocabulary.Display(corpus.TokenIds[first])))
        {
            var text = corpus.Texts[doc];
            var rest = text.AsSpan(corpus.TokenStarts[first], corpus.TokenEnds[end - 1] - corpus.TokenStarts[first]);
            var subjectLength = -1;
            foreach (var match in SubjectRegex().EnumerateMatches(rest))
            {
                subjectLength = match.Length;
                break;
            }
            if (subjectLength >= 0)
            {
                var skipTo = corpus.TokenStarts[first] + subjectLength;
                while (first < end && corpus.TokenStarts[first] < skipTo) first++;
                predicate = true;
                namedTheAi = AiSubjectRegex().IsMatch(rest[..subjectLength]);
            }
        }
        // Drop stop words at the end ("… instead of" → "…").
        while (end > first && !corpus.Vocabulary.IsContent(corpus.TokenIds[end - 1])) end--;
        if (end > first) yield return new Clause(doc, first, end, predicate, namedTheAi);
    }

    /// <summary>First words a subject the regex strips can start with (a cheap test before the regex).</summary>
    private static bool MaySubject(string word) =>
        word is "the" or "this" or "it" or "they" or "here" or "overall" or "however" or "instead" or "also" or "then" or "so" or "and" or "but";

    /// <summary>Leading words that never start a predicate: "directly", "also", "then", "and", "but".</summary>
    private static bool IsDroppableLead(ThemeCorpus corpus, int token) =>
        corpus.Vocabulary.Display(corpus.TokenIds[token]) is "and" or "but" or "also" or "then" or "so" or "as" or "because" or "since";

    /// <summary>True when a clause mark stands between token t-1 and token t.</summary>
    private static bool BreaksBefore(string text, ThemeCorpus corpus, int t)
    {
        var gapStart = corpus.TokenEnds[t - 1];
        var gapEnd = corpus.TokenStarts[t];
        if (gapEnd <= gapStart) return false;
        var gap = text.AsSpan(gapStart, gapEnd - gapStart);
        if (gap.IndexOfAny(".!?;:\u3002\uFF01\uFF1F\uFF1B\uFF1A()\n") >= 0) return true;
        if (gap.IndexOfAny(",\u3001\uFF0C") >= 0)
        {
            var next = corpus.Vocabulary.Display(corpus.TokenIds[t]);
            return next is "which" or "because" or "so" or "but" or "although" or "though" or "even" or "while" or "whereas" or "contrary"
                or "and" or "with" or "as" or "since" or "instead" or "que" or "porque" or "pero" or "sin";
        }
        return false;
    }

    private static string Render(ThemeCorpus corpus, Clause clause, int maxWords = MaxWords)
    {
        // Chinese and Japanese are indexed as overlapping character pairs: a word is about one token, not a sixteenth of a clause.
        var span = corpus.Texts[clause.Doc].AsSpan(corpus.TokenStarts[clause.First], corpus.TokenEnds[clause.End - 1] - corpus.TokenStarts[clause.First]);
        var ideographic = span.IndexOfAnyInRange('\u3040', '\u9FFF') >= 0;
        if (ideographic) maxWords *= 3;
        var end = clause.End;
        // A clause a little over the bound is kept whole: cutting "… instead of telling them to call 911" before "911" loses its point.
        if (end - clause.First > maxWords + maxWords / 2)
        {
            end = clause.First + maxWords;
            while (end > clause.First + 1 && !corpus.Vocabulary.IsContent(corpus.TokenIds[end - 1])) end--;
        }
        var text = corpus.Texts[clause.Doc];
        var start = corpus.TokenStarts[clause.First];
        var stop = corpus.TokenEnds[end - 1];
        // Japanese verb endings are Hiragana, which is not indexed: keep them ("触れ" → "触れなかった").
        if (ideographic && end == clause.End)
        {
            while (stop < text.Length && text[stop] is >= '\u3040' and <= '\u309F') stop++;
        }
        // Keep a closing quote, bracket or percent sign that belongs to the last word.
        while (stop < text.Length && text[stop] is '%' or '"' or '\'' or '”' or '’' or ')' && Opened(text.AsSpan(start, stop - start), text[stop])) stop++;
        var raw = Excerpt.Plain(text.Substring(start, stop - start), 400, out _);
        var plain = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            if (c is '"' or '“' or '”' && !Opened(raw.AsSpan(), c)) continue;
            plain.Append(c);
        }
        var label = plain.ToString().Trim();
        if (label.Length > 1 && char.IsUpper(label[0]) && !char.IsUpper(label[1]) && !HasInnerCapital(label.AsSpan(0, Math.Min(label.Length, label.IndexOf(' ') < 0 ? label.Length : label.IndexOf(' ')))))
        {
            label = char.ToLowerInvariant(label[0]) + label[1..];
        }
        return label;
    }

    private static bool Opened(ReadOnlySpan<char> before, char close) => close switch
    {
        ')' => before.Count('(') > before.Count(')'),
        '"' => before.Count('"') % 2 == 1,
        '”' or '“' => before.Count('“') > before.Count('”'),
        '%' => true,
        _ => false,
    };

    private static bool HasInnerCapital(ReadOnlySpan<char> word)
    {
        for (var i = 1; i < word.Length; i++) if (char.IsUpper(word[i])) return true;
        return false;
    }

    [GeneratedRegex(@"\b(?:ai|assistant|model|chatbot|bot|agent)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AiSubjectRegex();

    [GeneratedRegex(@"^(?:(?:here|overall|however|instead|also|then|so|and|but),?\s+)?(?:(?:the|this)\s+(?:ai(?:'s|’s)?(?:\s+(?:response|assistant|model|reply|answer|output))?|response|reply|assistant|model|agent|chatbot|bot|answer|output|workflow|triage\s+agent)|it|they)\s+(?:(?:also|then|directly|still|instead|only|simply|clearly|correctly|incorrectly|immediately)\s+)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SubjectRegex();
}
