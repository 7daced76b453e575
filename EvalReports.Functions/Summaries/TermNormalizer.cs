namespace EvalReports.Summaries;

/// <summary>
/// Turns a lowercased word into a term: drops stop words, bare numbers and single ASCII letters,
/// strips a possessive "'s" and folds simple plurals ("instructions" → "instruction", "policies" → "policy").
/// The folding is deliberately light so it is safe for Spanish, French and German too.
/// </summary>
public static class TermNormalizer
{
    /// <summary>The term for <paramref name="word"/> (a prefix of it, or for "-ies" plurals a copy in <paramref name="scratch"/>), or an empty span to skip the word.</summary>
    public static ReadOnlySpan<char> ToTerm(ReadOnlySpan<char> word, StopWords stopWords, Span<char> scratch)
    {
        if (word.Length == 0) return default;
        if (word.Length == 1 && word[0] < 128) return default;
        if (IsNumber(word)) return default;
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

    private static bool IsNumber(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (!char.IsDigit(c)) return false;
        }
        return true;
    }
}
