using System.Runtime.InteropServices;

namespace EvalReports.Summaries;

/// <summary>
/// Ids for the words of one batch of texts. Each lowercased word is looked up once by span (a known word costs one
/// hash lookup and no allocation); words that normalise to the same term ("instructions", "instruction") share an id.
/// Stop words get ids too, marked as not content, so phrases can keep them inside ("lack of disclaimer").
/// </summary>
internal sealed class TermVocabulary
{
    private readonly StopWords _stopWords;
    private readonly Dictionary<string, int> _bySurface;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _surfaceLookup;
    private readonly Dictionary<string, int> _byTerm;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _termLookup;
    private readonly Dictionary<long, int> _pairs;
    private readonly List<string> _display;
    private readonly List<bool> _content;
    private readonly List<bool> _pair;

    public TermVocabulary(StopWords stopWords, int capacity = 0)
    {
        _stopWords = stopWords;
        _bySurface = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
        _byTerm = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
        _pairs = new Dictionary<long, int>(capacity);
        _display = new List<string>(capacity);
        _content = new List<bool>(capacity);
        _pair = new List<bool>(capacity);
        _surfaceLookup = _bySurface.GetAlternateLookup<ReadOnlySpan<char>>();
        _termLookup = _byTerm.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _display.Count;

    public StopWords StopWords => _stopWords;

    /// <summary>The id of a lowercased word (<paramref name="scratch"/>: <see cref="Tokenizer.BufferLength"/> characters).</summary>
    public int Of(ReadOnlySpan<char> word, Span<char> scratch)
    {
        if (_surfaceLookup.TryGetValue(word, out var known)) return known;

        // One string per new word, shared by both maps and the display list (a run of random words is all new words).
        var surface = word.ToString();
        var term = TermNormalizer.ToTerm(surface, _stopWords, scratch);
        int id;
        if (term.IsEmpty)
        {
            id = Add(surface, content: false);
        }
        else if (_termLookup.TryGetValue(term, out var termId))
        {
            id = termId;
        }
        else
        {
            id = Add(surface, content: true);
            _byTerm.Add(term.SequenceEqual(surface) ? surface : term.ToString(), id);
        }
        _bySurface.Add(surface, id);
        return id;
    }

    /// <summary>The id of a content word already in the vocabulary, or -1 (never adds a word).</summary>
    public int Find(ReadOnlySpan<char> word, Span<char> scratch)
    {
        if (_surfaceLookup.TryGetValue(word, out var id)) return _content[id] ? id : -1;
        var term = TermNormalizer.ToTerm(word, _stopWords, scratch);
        return !term.IsEmpty && _termLookup.TryGetValue(term, out id) ? id : -1;
    }

    /// <summary>The id of two content words next to each other (a bigram, for similarity only).</summary>
    public int Pair(int first, int second)
    {
        var key = ((long)first << 32) | (uint)second;
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_pairs, key, out var known);
        if (!known)
        {
            id = Add(string.Empty, content: false);
            _pair[id] = true;
        }
        return id;
    }

    public bool IsPair(int id) => _pair[id];

    /// <summary>False for word pairs, stop words, numbers and the like: words that carry no theme.</summary>
    public bool IsContent(int id) => _content[id];

    /// <summary>The first form of the word seen, lowercased.</summary>
    public string Display(int id) => _display[id];

    private int Add(string display, bool content)
    {
        _display.Add(display);
        _content.Add(content);
        _pair.Add(false);
        return _display.Count - 1;
    }
}
