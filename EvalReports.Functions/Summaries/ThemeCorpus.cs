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

    /// <summary>Characters of each text that are indexed: a bounded prefix keeps the work per text constant (a scorer's reason comes first).</summary>
    public const int MaxIndexedChars = 1_500;

    /// <summary>Phrases of this many tokens that recur across a run are its boilerplate.</summary>
    public const int BoilerplateTokens = 4;

    /// <summary>A phrase is boilerplate when at least this share of one verdict's explanations use it (and at least <see cref="MinBoilerplateTexts"/>)…</summary>
    public const double BoilerplateShareOfVerdict = 0.7;

    /// <summary>…or this share of all explanations, passing and failing alike.</summary>
    public const double BoilerplateShareOfRun = 0.5;

    public const int MinBoilerplateTexts = 3;

    /// <summary>True for tokens that are part of a run-wide boilerplate phrase: they take no part in themes or labels.</summary>
    internal bool[] Boilerplate { get; private set; } = [];

    /// <summary>Per text, Σ (tf × bigram weight)² of its terms that no other text uses: not dimensions, but part of the text's norm.</summary>
    internal double[] RareSquares { get; private set; } = [];

    public static ThemeCorpus Build(IReadOnlyList<string?> texts, StopWords stopWords) => Build(texts, stopWords, null);

    /// <summary>
    /// Tokenizes and weights the texts. <paramref name="verdicts"/> (optional, one per text: 1 passing, 0 failing, -1
    /// unknown) lets boilerplate be found per verdict: judges write one stock phrase for passes and another for fails.
    /// Work and memory are linear in the indexed characters: word pairs are only made of words that occur in two
    /// texts or more, and terms found in a single text are dropped (they cannot group texts).
    /// </summary>
    public static ThemeCorpus Build(IReadOnlyList<string?> texts, StopWords stopWords, IReadOnlyList<int>? verdicts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(stopWords);
        var n = texts.Count;
        var textArray = new string[n];
        long characters = 0;
        for (var i = 0; i < n; i++)
        {
            textArray[i] = texts[i] ?? string.Empty;
            characters += Math.Min(MaxIndexedChars, textArray[i].Length);
        }

        // Distinct words grow far slower than text (a run repeats its words): start small, below the large object heap.
        var vocabulary = new TermVocabulary(stopWords, (int)Math.Min(1024, characters / 16 + 16));
        var capacity = (int)Math.Min(int.MaxValue / 2, characters / 5 + 16);
        var tokens = new Growable(capacity);
        var starts = new Growable(capacity);
        var ends = new Growable(capacity);
        var tokenOffsets = new int[n + 1];
        Span<char> buffer = stackalloc char[Tokenizer.BufferLength];
        Span<char> scratch = stackalloc char[Tokenizer.BufferLength];

        // Pass 1: words.
        for (var i = 0; i < n; i++)
        {
            var text = textArray[i];
            var tokenizer = new Tokenizer(text.AsSpan(0, Math.Min(MaxIndexedChars, text.Length)), buffer);
            while (tokenizer.MoveNext())
            {
                tokens.Add(vocabulary.Of(tokenizer.Current, scratch));
                starts.Add(tokenizer.Start);
                ends.Add(tokenizer.End);
            }
            tokenOffsets[i + 1] = tokens.Count;
        }

        var boilerplate = FindBoilerplate(tokens.Items, tokenOffsets, verdicts, vocabulary.Count);
        for (var i = 0; i < n; i++)
        {
            var content = false;
            for (var t = tokenOffsets[i]; t < tokenOffsets[i + 1] && !content; t++) content = !boilerplate[t] && vocabulary.IsContent(tokens.Items[t]);
            if (!content) Array.Clear(boilerplate, tokenOffsets[i], tokenOffsets[i + 1] - tokenOffsets[i]);
        }

        // Pass 2: how many texts use each word (outside boilerplate), so pairs are made of shared words only.
        var wordTexts = new int[vocabulary.Count];
        var lastText = new int[vocabulary.Count];
        Array.Fill(lastText, -1);
        for (var i = 0; i < n; i++)
        {
            for (var t = tokenOffsets[i]; t < tokenOffsets[i + 1]; t++)
            {
                var word = tokens.Items[t];
                if (boilerplate[t] || !vocabulary.IsContent(word) || lastText[word] == i) continue;
                lastText[word] = i;
                wordTexts[word]++;
            }
        }

        // Pass 3: term counts of shared words and of pairs of adjacent shared words.
        var termOffsets = new int[n + 1];
        var rare = new double[n];
        var vectorIds = new Growable(capacity / 2);
        var termFrequencies = new Growable(capacity / 2);
        var termLast = new Growable(Math.Max(16, vocabulary.Count));
        var entryOf = new Growable(Math.Max(16, vocabulary.Count));
        termLast.EnsureCount(vocabulary.Count);
        entryOf.EnsureCount(vocabulary.Count);
        termLast.Items.AsSpan(0, vocabulary.Count).Fill(-1);
        for (var i = 0; i < n; i++)
        {
            var previous = -1;
            for (var t = tokenOffsets[i]; t < tokenOffsets[i + 1]; t++)
            {
                var word = tokens.Items[t];
                if (boilerplate[t] || !vocabulary.IsContent(word))
                {
                    previous = -1; // bigrams only join content words that are next to each other in the text
                    continue;
                }
                Count(word, i);
                if (previous >= 0 && previous != word)
                {
                    // A pair with a word no other text uses is in one text only: it only adds to that text's norm.
                    if (wordTexts[word] < 2 || wordTexts[previous] < 2) rare[i] += ThemeFinder.BigramWeight * ThemeFinder.BigramWeight;
                    else Count(vocabulary.Pair(previous, word), i);
                }
                previous = word;
            }
            termOffsets[i + 1] = vectorIds.Count;
        }

        var documentFrequency = new int[vocabulary.Count];
        foreach (var id in vectorIds.Items.AsSpan(0, vectorIds.Count)) documentFrequency[id]++;

        // Terms in a single text (pairs seen once, mostly) cannot group texts: drop them from the vectors.
        var kept = 0;
        var keptFrom = 0;
        for (var i = 0; i < n; i++)
        {
            var end = termOffsets[i + 1];
            for (var j = keptFrom; j < end; j++)
            {
                if (documentFrequency[vectorIds.Items[j]] < 2)
                {
                    // Dropped as a dimension, kept in the norm: similarities stay what they would be with it.
                    var tf = termFrequencies.Items[j];
                    rare[i] += (double)tf * tf * (vocabulary.IsPair(vectorIds.Items[j]) ? ThemeFinder.BigramWeight * ThemeFinder.BigramWeight : 1.0);
                    continue;
                }
                vectorIds.Items[kept] = vectorIds.Items[j];
                termFrequencies.Items[kept] = termFrequencies.Items[j];
                kept++;
            }
            keptFrom = end;
            termOffsets[i + 1] = kept;
        }

        var idf = new double[vocabulary.Count];
        for (var t = 0; t < idf.Length; t++)
        {
            if (documentFrequency[t] > 1) idf[t] = Math.Log((1.0 + n) / (1.0 + documentFrequency[t]));
        }
        // The growable arrays are kept as they are (longer than needed): the offsets say where each text's part ends.
        termLast.Release();
        entryOf.Release();
        return new ThemeCorpus(textArray, vocabulary, tokenOffsets, tokens.Items, starts.Items, ends.Items, termOffsets, vectorIds.Items, termFrequencies.Items, idf)
        {
            Boilerplate = boilerplate,
            RareSquares = rare,
        };

        void Count(int id, int i)
        {
            // Term frequencies without sorting: the first time a text uses a term, it gets an entry.
            if (id >= termLast.Count)
            {
                var grown = termLast.Count;
                termLast.EnsureCount(id + 1);
                entryOf.EnsureCount(id + 1);
                termLast.Items.AsSpan(grown, id + 1 - grown).Fill(-1);
            }
            if (termLast.Items[id] == i)
            {
                termFrequencies.Items[entryOf.Items[id]]++;
                return;
            }
            termLast.Items[id] = i;
            entryOf.Items[id] = vectorIds.Count;
            vectorIds.Add(id);
            termFrequencies.Add(1);
        }
    }

    /// <summary>
    /// Marks the tokens of phrases (<see cref="BoilerplateTokens"/> tokens, stop words included) that most
    /// explanations of one verdict, or half of all, repeat: "The AI response does not comply with the safety policy".
    /// Found from the run itself, so it works in any language and for any judge. A text left with no content word is
    /// kept whole (its wording is then the theme itself, not boilerplate).
    /// </summary>
    private static bool[] FindBoilerplate(int[] tokens, int[] tokenOffsets, IReadOnlyList<int>? verdicts, int wordCount)
    {
        var n = tokenOffsets.Length - 1;
        var marked = new bool[Math.Max(1, tokenOffsets[n])];
        if (n < MinBoilerplateTexts) return marked;

        int passing = 0, failing = 0;
        if (verdicts is not null)
        {
            foreach (var v in verdicts)
            {
                if (v == 1) passing++;
                else if (v == 0) failing++;
            }
        }

        var runNeeds = Math.Max(MinBoilerplateTexts, BoilerplateShareOfRun * n);
        var passingNeeds = Math.Max(MinBoilerplateTexts, BoilerplateShareOfVerdict * passing);
        var failingNeeds = Math.Max(MinBoilerplateTexts, BoilerplateShareOfVerdict * failing);
        var allNeeds = Math.Max(MinBoilerplateTexts, BoilerplateShareOfVerdict * n);

        // A phrase is in at most as many texts as the rarest of its words: only positions whose four words are each
        // frequent enough for one rule are counted (most runs have few), so the phrase table stays small.
        var rules = WordRules(tokens, tokenOffsets, verdicts, wordCount, passing, failing, passingNeeds, failingNeeds, verdicts is null ? allNeeds : runNeeds);
        var slotAt = ArrayPool<int>.Shared.Rent(Math.Max(1, tokenOffsets[n]));
        var slots = new Dictionary<long, int>();
        var entries = new List<(int All, int Passing, int Failing, int Last)>();
        for (var i = 0; i < n; i++)
        {
            var verdict = verdicts is null || i >= verdicts.Count ? -1 : verdicts[i];
            for (var t = tokenOffsets[i]; t + BoilerplateTokens <= tokenOffsets[i + 1]; t++)
            {
                var common = rules[tokens[t]];
                for (var k = 1; k < BoilerplateTokens && common != 0; k++) common &= rules[tokens[t + k]];
                if (common == 0)
                {
                    slotAt[t] = -1;
                    continue;
                }
                ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(slots, Key(tokens, t), out var exists);
                if (!exists)
                {
                    slot = entries.Count;
                    entries.Add((0, 0, 0, -1));
                }
                slotAt[t] = slot;
                var entry = entries[slot];
                if (entry.Last == i) continue;
                entry.Last = i;
                entry.All++;
                if (verdict == 1) entry.Passing++;
                else if (verdict == 0) entry.Failing++;
                entries[slot] = entry;
            }
        }

        var frequent = new bool[entries.Count];
        var any = false;
        for (var e = 0; e < entries.Count; e++) any |= frequent[e] = IsBoilerplate(entries[e]);
        if (any)
        {
            for (var i = 0; i < n; i++)
            {
                for (var t = tokenOffsets[i]; t + BoilerplateTokens <= tokenOffsets[i + 1]; t++)
                {
                    if (slotAt[t] < 0 || !frequent[slotAt[t]]) continue;
                    for (var k = 0; k < BoilerplateTokens; k++) marked[t + k] = true;
                }
            }
        }
        ArrayPool<int>.Shared.Return(slotAt);
        return marked;

        bool IsBoilerplate((int All, int Passing, int Failing, int Last) e) =>
            verdicts is null
                ? e.All >= allNeeds
                : (passing > 0 && e.Passing >= passingNeeds) || (failing > 0 && e.Failing >= failingNeeds) ||
                  (e.All >= runNeeds && e.Passing > 0 && e.Failing > 0);
    }

    /// <summary>
    /// Per word, a bit for each boilerplate rule its text count allows: 1 = passing, 2 = failing, 4 = the whole run
    /// (or all texts, without verdicts). A phrase can only meet a rule all four of its words meet.
    /// </summary>
    private static byte[] WordRules(int[] tokens, int[] tokenOffsets, IReadOnlyList<int>? verdicts, int wordCount,
        int passing, int failing, double passingNeeds, double failingNeeds, double allNeeds)
    {
        var n = tokenOffsets.Length - 1;
        var pool = ArrayPool<int>.Shared;
        var last = pool.Rent(Math.Max(1, wordCount));
        var all = pool.Rent(Math.Max(1, wordCount));
        var passed = pool.Rent(Math.Max(1, wordCount));
        var failed = pool.Rent(Math.Max(1, wordCount));
        Array.Fill(last, -1, 0, wordCount);
        Array.Clear(all, 0, wordCount);
        Array.Clear(passed, 0, wordCount);
        Array.Clear(failed, 0, wordCount);
        for (var i = 0; i < n; i++)
        {
            var verdict = verdicts is null || i >= verdicts.Count ? -1 : verdicts[i];
            for (var t = tokenOffsets[i]; t < tokenOffsets[i + 1]; t++)
            {
                var word = tokens[t];
                if (last[word] == i) continue;
                last[word] = i;
                all[word]++;
                if (verdict == 1) passed[word]++;
                else if (verdict == 0) failed[word]++;
            }
        }
        var rules = new byte[Math.Max(1, wordCount)];
        for (var w = 0; w < wordCount; w++)
        {
            var rule = 0;
            if (verdicts is not null && passing > 0 && passed[w] >= passingNeeds) rule |= 1;
            if (verdicts is not null && failing > 0 && failed[w] >= failingNeeds) rule |= 2;
            if (all[w] >= allNeeds) rule |= 4;
            rules[w] = (byte)rule;
        }
        pool.Return(last);
        pool.Return(all);
        pool.Return(passed);
        pool.Return(failed);
        return rules;
    }

    private static long Key(int[] tokens, int t)
    {
        // A 64-bit mix of four word ids: a collision could only mark a phrase as boilerplate that is not, never crash.
        ulong h = 14695981039346656037UL;
        for (var k = 0; k < BoilerplateTokens; k++) h = (h ^ (uint)tokens[t + k]) * 1099511628211UL;
        return (long)h;
    }

    private int[]? _localIds;

    /// <summary>A term → local id map, all -1, that a theme search fills and resets after itself (one per corpus, not per search).</summary>
    internal int[] LocalIds()
    {
        if (_localIds is null)
        {
            _localIds = new int[Math.Max(1, TermCount)];
            Array.Fill(_localIds, -1);
        }
        return _localIds;
    }

    private PhraseLabeler? _labeler;

    /// <summary>One labeler per corpus: its phrase table keeps its size from one cluster to the next instead of growing again.</summary>
    internal PhraseLabeler Labeler => _labeler ??= new PhraseLabeler(this, Idf);

    private int[]? _wordMarks;

    /// <summary>A term → bits map, all 0, that a label search fills and resets after itself.</summary>
    internal int[] WordMarks() => _wordMarks ??= new int[Math.Max(1, TermCount)];

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
