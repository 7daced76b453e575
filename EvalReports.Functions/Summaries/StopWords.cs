using System.Collections.Frozen;

namespace EvalReports.Summaries;

/// <summary>
/// Words that carry no theme: English always, plus Spanish, French or German when the eval's language says so,
/// plus the boilerplate of scorer explanations ("the AI", "the response").
/// </summary>
public sealed class StopWords
{
    private static readonly string[] English =
    [
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "aren't", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "can't", "cannot", "could",
        "couldn't", "did", "didn't", "do", "does", "doesn't", "doing", "don't", "down", "during", "each", "either", "even", "ever",
        "few", "for", "from", "further", "had", "hadn't", "has", "hasn't", "have", "haven't", "having", "he", "he'd", "he'll",
        "he's", "her", "here", "hers", "herself", "him", "himself", "his", "how", "however", "i", "i'd", "i'll", "i'm", "i've",
        "if", "in", "into", "is", "isn't", "it", "it's", "its", "itself", "just", "let's", "may", "me", "might", "more", "most",
        "much", "must", "mustn't", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or",
        "other", "ought", "our", "ours", "ourselves", "out", "over", "own", "per", "quite", "rather", "really", "same", "shall",
        "shan't", "she", "she'd", "she'll", "she's", "should", "shouldn't", "so", "some", "such", "than", "that", "that's", "the",
        "their", "theirs", "them", "themselves", "then", "there", "there's", "these", "they", "they'd", "they'll", "they're",
        "they've", "this", "those", "though", "through", "thus", "to", "too", "under", "until", "up", "upon", "us", "very", "via",
        "was", "wasn't", "we", "we'd", "we'll", "we're", "we've", "were", "weren't", "what", "what's", "when", "when's", "where",
        "where's", "whether", "which", "while", "who", "who's", "whom", "whose", "why", "why's", "will", "with", "within",
        "without", "won't", "would", "wouldn't", "yet", "you", "you'd", "you'll", "you're", "you've", "your", "yours", "yourself",
        "yourselves",
        // Boilerplate of scorer explanations.
        "ai", "assistant", "chatbot", "model", "response", "responses", "reply", "user", "user's", "output",
        "instead", "clear", "clearly", "fail", "fails", "failed", "failure", "pass", "passed", "passes", "good", "fine", "got", "gets", "says", "said", "states", "stated", "notes", "noted", "mentions", "mentioned",
    ];

    private static readonly string[] Spanish =
    [
        "a", "al", "algo", "algunas", "algunos", "ante", "antes", "como", "con", "contra", "cual", "cuando", "de", "del", "desde",
        "donde", "durante", "e", "el", "ella", "ellas", "ellos", "en", "entre", "era", "es", "esa", "esas", "ese", "eso", "esos",
        "esta", "está", "estaba", "están", "estas", "este", "esto", "estos", "fue", "ha", "había", "han", "hasta", "hay", "la",
        "las", "le", "les", "lo", "los", "más", "me", "mi", "muy", "ni", "no", "nos", "o", "otra", "otras", "otro", "otros",
        "para", "pero", "poco", "por", "porque", "que", "qué", "se", "sea", "ser", "si", "sí", "sin", "sobre", "su", "sus",
        "también", "tanto", "te", "tiene", "todo", "todos", "tu", "tus", "un", "una", "unas", "uno", "unos", "usuario", "y", "ya",
        "respuesta", "modelo", "ia",
    ];

    private static readonly string[] French =
    [
        "à", "au", "aux", "avec", "ce", "ces", "cet", "cette", "dans", "de", "des", "du", "elle", "elles", "en", "est", "et",
        "été", "être", "il", "ils", "je", "la", "le", "les", "leur", "leurs", "lui", "ma", "mais", "me", "même", "mes", "moi",
        "mon", "ne", "nos", "notre", "nous", "on", "ou", "où", "par", "pas", "pour", "qu", "que", "qui", "sa", "sans", "se",
        "ses", "son", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "y", "a", "ont", "sont",
        "c'est", "d'un", "d'une", "l'ia", "n'a", "qu'il", "réponse", "modèle", "ia", "utilisateur",
    ];

    private static readonly string[] German =
    [
        "aber", "als", "am", "an", "auch", "auf", "aus", "bei", "bin", "bis", "da", "das", "dass", "dem", "den", "der", "des",
        "die", "doch", "du", "durch", "ein", "eine", "einem", "einen", "einer", "eines", "er", "es", "für", "hat", "hatte",
        "ich", "ihr", "im", "in", "ist", "ja", "kein", "keine", "mit", "nach", "nicht", "noch", "nur", "ob", "oder", "ohne",
        "sich", "sie", "sind", "so", "um", "und", "uns", "vom", "von", "vor", "war", "was", "weil", "wenn", "wie", "wir", "wird",
        "wurde", "zu", "zum", "zur", "antwort", "modell", "ki", "nutzer",
    ];

    private static readonly FrozenDictionary<string, StopWords> ByLanguage = new Dictionary<string, StopWords>
    {
        ["en"] = new(English),
        ["es"] = new(English.Concat(Spanish)),
        ["fr"] = new(English.Concat(French)),
        ["de"] = new(English.Concat(German)),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Language, string EvalType), StopWords> ForEvals = new();

    private readonly HashSet<string> _words;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private StopWords(IEnumerable<string> words)
    {
        _words = new HashSet<string>(words, StringComparer.Ordinal);
        _lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// The stop words of the eval's language plus the words of its type: in a jailbreak eval every explanation is about
    /// a "jailbreak", so the word names no theme.
    /// </summary>
    public static StopWords ForEval(string? language, string? evalType)
    {
        var basis = ForLanguage(language);
        if (string.IsNullOrWhiteSpace(evalType)) return basis;
        var key = (language is { Length: >= 2 } ? language[..2].ToLowerInvariant() : "en", evalType.Trim().ToLowerInvariant());
        return ForEvals.GetOrAdd(key, static (k, words) =>
        {
            var extra = k.EvalType.Split(['_', '-', ' '], StringSplitOptions.RemoveEmptyEntries);
            return new StopWords(words._words.Concat(extra));
        }, basis);
    }

    /// <summary>The stop words for an eval language code ("en", "es-MX", "fr", …); English for anything else.</summary>
    public static StopWords ForLanguage(string? language)
    {
        if (!string.IsNullOrEmpty(language) && language.Length >= 2)
        {
            var code = language[..2].ToLowerInvariant();
            if (ByLanguage.TryGetValue(code, out var words)) return words;
        }
        return ByLanguage["en"];
    }

    /// <summary>True for a lowercased word that carries no theme.</summary>
    public bool Contains(ReadOnlySpan<char> lowercasedWord) => _lookup.Contains(lowercasedWord);
}
