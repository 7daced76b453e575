namespace EvalReports.Summaries;

/// <summary>
/// Names a theme by its most telling phrase: one to three consecutive words of its members' texts (not across
/// punctuation; the first and last words are content words, a middle one may be a connecting word: "lack of disclaimer"),
/// found in at least two members and in at least <see cref="MinCoverage"/> of them (failing that, the best phrase found
/// at all). Score = (share of members that contain the phrase)² × the mean idf of its content words over the whole
/// run (so words every explanation uses, like "knowledge base" in an accuracy run, tell little) × (1 + 0.5 per extra
/// word): a phrase must stand for most of the theme, and a longer phrase wins when it is about as common as its words. The label is the phrase as first written in a member, lowercased unless it has inner capitals
/// ("PowerVault", "OTC"). Large themes are labelled from an evenly spread sample of <see cref="MaxSample"/> members.
/// </summary>
internal sealed class PhraseLabeler(ThemeCorpus corpus, double[] wordIdf)
{
    public const int MaxSample = 32;
    public const double MinCoverage = 0.3;
    public const double LongerBonus = 0.5;
    private const int IdBits = 21;
    private const long IdMask = (1L << IdBits) - 1;

    private readonly Dictionary<long, Candidate> _candidates = new();

    private struct Candidate
    {
        public int Count;
        public int LastMember;
        public int Text;
        public int FirstToken;
        public int Length;
    }

    /// <summary>The label of a cluster; <paramref name="members"/> are indexes into <paramref name="docs"/>.</summary>
    public string Label(List<int> members, int[] docs)
    {
        _candidates.Clear();
        var sample = Math.Min(members.Count, MaxSample);
        for (var s = 0; s < sample; s++)
        {
            var doc = docs[members[(int)((long)s * members.Count / sample)]];
            var first = corpus.TokenOffsets[doc];
            var end = corpus.TokenOffsets[doc + 1];
            for (var i = first; i < end; i++)
            {
                if (!IsContent(i)) continue;
                Count(Key(i, 1), s, doc, i, 1);
                if (i + 1 >= end || Broken(doc, i)) continue;
                if (IsContent(i + 1)) Count(Key(i, 2), s, doc, i, 2);
                if (i + 2 >= end || Broken(doc, i + 1) || !IsContent(i + 2) || !(IsContent(i + 1) || IsConnector(i + 1))) continue;
                Count(Key(i, 3), s, doc, i, 3);
            }
        }

        return Best(Math.Max(MinCoverage * sample, 2), sample) ?? Best(1, sample) ?? string.Empty;
    }

    private string? Best(double needed, int sample)
    {
        var best = default(Candidate);
        var bestScore = 0.0;
        string? bestLabel = null;
        foreach (var candidate in _candidates.Values)
        {
            if (candidate.Count < needed) continue;
            double idfSum = 0;
            var contentWords = 0;
            for (var t = candidate.FirstToken; t < candidate.FirstToken + candidate.Length; t++)
            {
                if (!IsContent(t)) continue;
                idfSum += wordIdf[corpus.TokenIds[t]];
                contentWords++;
            }
            var coverage = (double)candidate.Count / sample;
            var score = coverage * coverage * (idfSum / contentWords) * (1 + LongerBonus * (candidate.Length - 1));
            if (bestLabel is not null)
            {
                if (score < bestScore) continue;
                if (score == bestScore)
                {
                    if (candidate.Length < best.Length) continue;
                    var text = Display(candidate);
                    if (candidate.Length == best.Length && string.CompareOrdinal(text, bestLabel) >= 0) continue;
                    best = candidate;
                    bestLabel = text;
                    continue;
                }
            }
            best = candidate;
            bestScore = score;
            bestLabel = Display(candidate);
        }
        return bestLabel;
    }

    private bool IsContent(int token) => corpus.Vocabulary.IsContent(corpus.TokenIds[token]);

    private bool IsConnector(int token) => Connectors.Contains(corpus.Vocabulary.Display(corpus.TokenIds[token]));

    /// <summary>Stop words that may join two content words in a label ("step by step", "lack of disclaimer"); "a" or "the" may not ("offers a subjective").</summary>
    private static readonly HashSet<string> Connectors = new(StringComparer.Ordinal)
    {
        "of", "by", "and", "or", "for", "to", "from", "de", "del", "y", "e", "o", "et", "ou", "du", "des", "und", "oder", "von",
    };

    private long Key(int token, int length)
    {
        long key = 0;
        for (var t = 0; t < length; t++) key = (key << IdBits) | ((corpus.TokenIds[token + t] + 1L) & IdMask);
        return key;
    }

    private void Count(long key, int member, int doc, int token, int length)
    {
        ref var candidate = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_candidates, key, out var exists);
        if (!exists)
        {
            candidate.Text = doc;
            candidate.FirstToken = token;
            candidate.Length = length;
            candidate.LastMember = -1;
        }
        if (candidate.LastMember == member) return;
        candidate.LastMember = member;
        candidate.Count++;
    }

    /// <summary>True when something other than spaces, hyphens or apostrophes separates a token from the next (a phrase stops there).</summary>
    private bool Broken(int doc, int token)
    {
        var text = corpus.Texts[doc];
        var from = corpus.TokenEnds[token];
        var to = corpus.TokenStarts[token + 1];
        for (var i = from; i < to; i++)
        {
            var c = text[i];
            if (!char.IsWhiteSpace(c) && c is not ('-' or '\'' or '\u2019' or '\u2010' or '\u2011')) return true;
        }
        return false;
    }

    private string Display(Candidate candidate)
    {
        var text = corpus.Texts[candidate.Text];
        var start = corpus.TokenStarts[candidate.FirstToken];
        var end = corpus.TokenEnds[candidate.FirstToken + candidate.Length - 1];
        var phrase = TrimKana(text.AsSpan(start, end - start));
        return HasInnerCapital(phrase) ? phrase.ToString() : phrase.ToString().ToLowerInvariant();
    }

    /// <summary>Japanese particles at either end of a bigram phrase ("爆発物の" → "爆発物"): Hiragana next to other characters.</summary>
    private static ReadOnlySpan<char> TrimKana(ReadOnlySpan<char> phrase)
    {
        static bool IsHiragana(char c) => c is >= '\u3040' and <= '\u309F';
        var end = phrase.Length;
        while (end > 1 && IsHiragana(phrase[end - 1]) && !IsHiragana(phrase[end - 2])) end--;
        var start = 0;
        while (start < end - 1 && IsHiragana(phrase[start]) && !IsHiragana(phrase[start + 1])) start++;
        return phrase[start..end];
    }

    private static bool HasInnerCapital(ReadOnlySpan<char> phrase)
    {
        for (var i = 1; i < phrase.Length; i++)
        {
            if (char.IsUpper(phrase[i]) && char.IsLetterOrDigit(phrase[i - 1])) return true;
        }
        return false;
    }
}
