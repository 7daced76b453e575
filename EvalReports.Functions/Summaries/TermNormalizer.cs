namespace EvalReports.Summaries;

/// <summary>
/// Turns a lowercased word into a term: drops stop words, bare numbers and single ASCII letters,
/// strips a possessive "'s" and folds simple plurals ("instructions" → "instruction", "policies" → "policy").
/// The folding is deliberately light so it is safe for Spanish, French and German too. Bigrams written only in
/// Hiragana ("です", "して") are Japanese grammar, not content, and are dropped too, as are Chinese bigrams with a
/// particle or pronoun in them ("说明了", "这违").
/// </summary>
public static class TermNormalizer
{
    /// <summary>The term for <paramref name="word"/> (a prefix of it, or for "-ies" plurals a copy in <paramref name="scratch"/>), or an empty span to skip the word.</summary>
    public static ReadOnlySpan<char> ToTerm(ReadOnlySpan<char> word, StopWords stopWords, Span<char> scratch)
    {
        if (word.Length == 0) return default;
        if (word.Length == 1 && word[0] < 128) return default;
        if (IsNumber(word) || IsHiragana(word) || HasChineseFunctionCharacter(word)) return default;
        if (stopWords.Contains(word)) return default;

        var term = word;
        if (term.Length > 2 && term[^2] == '\'' && term[^1] == 's') term = term[..^2];
        var apostrophe = term.IndexOf('\'');
        if (apostrophe >= 0 && apostrophe == term.Length - 1) term = term[..^1];

        if (term.Length >= 5 && term.EndsWith("ies", StringComparison.Ordinal))
        {
            term[..^3].CopyTo(scratch);
            scratch[term.Length - 3] = 'y';
            term = scratch[..(term.Length - 2)];
        }
        else if (term.Length >= 4 && term[^1] == 's' && term[^2] is not ('s' or 'u' or 'i'))
        {
            term = term[..^1];
        }

        if (term.Length == 0 || (term.Length == 1 && term[0] < 128)) return default;
        if (term.Length != word.Length && stopWords.Contains(term)) return default;
        return term;
    }

    /// <summary>Chinese particles and pronouns ("的", "了", "这"…): a character bigram that contains one carries grammar, not a theme.</summary>
    private const string ChineseFunctionCharacters = "的了是在和与或及而也就都这那个之其被把给对地得着过吗呢吧啊很并却又我你他她它们有没不";

    private static bool HasChineseFunctionCharacter(ReadOnlySpan<char> word) =>
        word.Length == 2 && word[0] >= '\u4E00' && word.IndexOfAny(ChineseFunctionCharacters) >= 0;

    private static bool IsHiragana(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (c is < '\u3040' or > '\u309F') return false;
        }
        return true;
    }

    private static bool IsNumber(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (!char.IsDigit(c)) return false;
        }
        return true;
    }
}
