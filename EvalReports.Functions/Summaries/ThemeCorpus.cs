using System.Buffers;

namespace EvalReports.Summaries;

/// <summary>
/// A batch of texts tokenized once: the word ids and character offsets of every token (for phrase labels) and each
/// text's counts of content words and of bigrams of adjacent content words. A run indexes all its explanations once; themes are then found in subsets (passing,
/// failing, per category), each weighted by its own document frequencies (<see cref="ThemeFinder"/>).
/// </summary>
public sealed class ThemeCorpus : IDisposable
{
    private ThemeCorpus(string[] texts, TermVocabulary vocabulary, int[] tokenOffsets, int[] tokenIds, int[] tokenStarts, int[] tokenEnds,
        int[] termOffsets, int[] termIds, int[] termCounts, double[] idf)
    {
        Texts = texts;
        Vocabulary = vocabulary;
        TokenOffsets = tokenOffsets;
        TokenIds = tokenIds;
        TokenStarts = tokenStarts;
        TokenEnds = tokenEnds;
        TermOffsets = termOffsets;
        TermIds = termIds;
        TermCounts = termCounts;
        Idf = idf;
    }

    public int Count => Texts.Length;

    internal string[] Texts { get; }
    internal TermVocabulary Vocabulary { get; }

    /// <summary>Text i owns tokens TokenOffsets[i] .. TokenOffsets[i + 1] - 1.</summary>
    internal int[] TokenOffsets { get; }
    internal int[] TokenIds { get; }
    internal int[] TokenStarts { get; }
    internal int[] TokenEnds { get; }

    /// <summary>Text i uses content words TermIds[TermOffsets[i] .. TermOffsets[i + 1] - 1] (in order of first use), each TermCounts times.</summary>
    internal int[] TermOffsets { get; }
    internal int[] TermIds { get; }
    internal int[] TermCounts { get; }

    /// <summary>
    /// Idf of each term over the whole batch, ln((1 + n) / (1 + df)) without the usual +1, so a word nearly every text
    /// uses weighs almost nothing: what makes a theme's phrase telling within the run.
    /// </summary>
    internal double[] Idf { get; }

    internal int TermCount => Vocabulary.Count;

    public static ThemeCorpus Build(IReadOnlyList<string?> texts, StopWords stopWords)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(stopWords);
        var n = texts.Count;
        var textArray = new string[n];
        long characters = 0;
        for (var i = 0; i < n; i++)
        {
            textArray[i] = texts[i] ?? string.Empty;
            characters += textArray[i].Length;
        }

        var vocabulary = new TermVocabulary(stopWords, (int)Math.Min(4096, characters / 16 + 16));
        var capacity = (int)Math.Min(int.MaxValue / 2, characters / 5 + 16);
        var tokens = new Growable(capacity);
        var starts = new Growable(capacity);
        var ends = new Growable(capacity);
        var tokenOffsets = new int[n + 1];
        var termOffsets = new int[n + 1];
        var vectorIds = new Growable(capacity / 2);
        var termFrequencies = new Growable(capacity / 2);
        var lastText = new Growable(1024);
        var entryOf = new Growable(1024);
        Span<char> buffer = stackalloc char[Tokenizer.BufferLength];
        Span<char> scratch = stackalloc char[Tokenizer.BufferLength];

        for (var i = 0; i < n; i++)
        {
            var tokenizer = new Tokenizer(textArray[i].AsSpan(), buffer);
            var previous = -1;
            while (tokenizer.MoveNext())
            {
                var word = vocabulary.Of(tokenizer.Current, scratch);
                tokens.Add(word);
                starts.Add(tokenizer.Start);
                ends.Add(tokenizer.End);
                if (!vocabulary.IsContent(word))
                {
                    previous = -1; // bigrams only join content words that are next to each other in the text
                    continue;
                }
                Count(word, i);
                if (previous >= 0 && previous != word) Count(vocabulary.Pair(previous, word), i);
                previous = word;
            }
            tokenOffsets[i + 1] = tokens.Count;
            termOffsets[i + 1] = vectorIds.Count;
        }

        var documentFrequency = new int[vocabulary.Count];
        foreach (var id in vectorIds.Items.AsSpan(0, vectorIds.Count)) documentFrequency[id]++;
        var idf = new double[vocabulary.Count];
        for (var t = 0; t < idf.Length; t++)
        {
            if (documentFrequency[t] > 0) idf[t] = Math.Log((1.0 + n) / (1.0 + documentFrequency[t]));
        }
        // The growable arrays are kept as they are (longer than needed): the offsets say where each text's part ends.
        lastText.Release();
        entryOf.Release();
        return new ThemeCorpus(textArray, vocabulary, tokenOffsets, tokens.Items, starts.Items, ends.Items, termOffsets, vectorIds.Items, termFrequencies.Items, idf);

        void Count(int id, int i)
        {
            // Term frequencies without sorting: the first time a text uses a term, it gets an entry.
            if (id >= lastText.Count)
            {
                var grown = lastText.Count;
                lastText.EnsureCount(id + 1);
                entryOf.EnsureCount(id + 1);
                lastText.Items.AsSpan(grown, id + 1 - grown).Fill(-1);
            }
            if (lastText.Items[id] == i)
            {
                termFrequencies.Items[entryOf.Items[id]]++;
                return;
            }
            lastText.Items[id] = i;
            entryOf.Items[id] = vectorIds.Count;
            vectorIds.Add(id);
            termFrequencies.Add(1);
        }
    }

    internal bool IsEmpty(int text) => TermOffsets[text] == TermOffsets[text + 1];

    /// <summary>Gives the token arrays back to the shared pool (they are large: a run allocates them once per summary).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var array in (ReadOnlySpan<int[]>)[TokenIds, TokenStarts, TokenEnds, TermIds, TermCounts]) ArrayPool<int>.Shared.Return(array);
    }

    private bool _disposed;

    /// <summary>An int list without the bounds checks and copies of List&lt;int&gt; growth in the hot loop.</summary>
    private sealed class Growable(int capacity)
    {
        // Pooled and not cleared: every slot is written before it is read (lastText is filled with -1 as it grows).
        public int[] Items = ArrayPool<int>.Shared.Rent(Math.Max(16, capacity));
        public int Count;

        public void Add(int value)
        {
            if (Count == Items.Length) Grow(Items.Length * 2);
            Items[Count++] = value;
        }

        public void EnsureCount(int count)
        {
            if (count <= Count) return;
            if (count > Items.Length) Grow(Math.Max(count, Items.Length * 2));
            Count = count;
        }

        private void Grow(int length)
        {
            var grown = ArrayPool<int>.Shared.Rent(length);
            Items.AsSpan(0, Count).CopyTo(grown);
            ArrayPool<int>.Shared.Return(Items);
            Items = grown;
        }

        /// <summary>Gives the array back when it is not kept by the corpus.</summary>
        public void Release()
        {
            ArrayPool<int>.Shared.Return(Items);
            Items = [];
        }
    }
}
