using System.Buffers;

namespace EvalReports.Summaries;

/// <summary>
/// Finds themes in short texts (scorer explanations): TF-IDF vectors over content words and their bigrams (see <see cref="ThemeCorpus"/>;
/// smoothed idf = ln((1 + n) / (1 + df)) + 1 over the texts searched, vectors L2-normalised), leader clustering on cosine similarity to the running cluster centroids (at most <see cref="MaxClusters"/> clusters,
/// so the work is O(n · k · words per text)), a greedy merge of similar clusters, two reassignment passes against the
/// fixed centroids, and finally clusters that end up with the same label are merged.
/// A theme is named by its most telling phrase (<see cref="PhraseLabeler"/>). Deterministic: ties go to the earliest
/// text or the ordinal-first label.
/// </summary>
public sealed class ThemeFinder
{
    public const double DefaultSimilarityThreshold = 0.08;
    public const int DefaultMaxClusters = 32;
    public const int MinThemeSize = 2;
    public const double DefaultMergeThreshold = 0.1;

    /// <summary>Most distinct terms one search weighs (the most widely used are kept): bounds the centroids' memory.</summary>
    public const int MaxTerms = 65_536;

    /// <summary>Term frequency weight of a bigram relative to a word (bigrams separate themes that share words).</summary>
    public const double BigramWeight = 0.5;

    private readonly StopWords _stopWords;

    public ThemeFinder(
        StopWords stopWords,
        double similarityThreshold = DefaultSimilarityThreshold,
        int maxClusters = DefaultMaxClusters,
        double mergeThreshold = DefaultMergeThreshold)
    {
        _stopWords = stopWords ?? throw new ArgumentNullException(nameof(stopWords));
        if (similarityThreshold is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(similarityThreshold));
        if (maxClusters < 1) throw new ArgumentOutOfRangeException(nameof(maxClusters));
        SimilarityThreshold = similarityThreshold;
        MaxClusters = maxClusters;
        MergeThreshold = mergeThreshold;
    }

    public double SimilarityThreshold { get; }

    public int MaxClusters { get; }

    /// <summary>Clusters whose centroids are at least this similar after the leader pass are merged.</summary>
    public double MergeThreshold { get; }

    /// <summary>Tokenizes and weights a batch of texts once, for <see cref="Find(ThemeCorpus, IReadOnlyList{int})"/>.</summary>
    public ThemeCorpus Index(IReadOnlyList<string?> texts) => ThemeCorpus.Build(texts, _stopWords);

    /// <summary>
    /// Themes of at least <see cref="MinThemeSize"/> texts, largest first (ties: label, then first member, ordinal).
    /// Texts in no theme (alone, or without any content word) are left out. Members are indexes into <paramref name="texts"/>.
    /// </summary>
    public IReadOnlyList<Theme> Find(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count < MinThemeSize) return [];
        var all = new int[texts.Count];
        for (var i = 0; i < all.Length; i++) all[i] = i;
        using var corpus = Index(texts);
        return Find(corpus, all);
    }

    /// <summary>Themes among the corpus texts listed in <paramref name="subset"/>; members are indexes into <paramref name="subset"/>.</summary>
    public IReadOnlyList<Theme> Find(ThemeCorpus corpus, IReadOnlyList<int> subset)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(subset);
        if (subset.Count < MinThemeSize) return [];

        var docs = subset as int[] ?? subset.ToArray();
        var vectors = Vectors.Of(corpus, docs);
        var clusters = new Clusters(vectors.TermCount, MaxClusters);
        try
        {
            var assignment = Cluster(vectors, clusters);
            return BuildThemes(corpus, docs, vectors, assignment, clusters);
        }
        finally
        {
            clusters.Dispose();
        }
    }

    private int[] Cluster(Vectors vectors, Clusters clusters)
    {
        var n = vectors.Count;
        var assignment = new int[n];
        Array.Fill(assignment, -1);

        // Pass 1: leader clustering against running centroids.
        for (var i = 0; i < n; i++)
        {
            if (vectors.IsEmpty(i)) continue;
            var best = Nearest(vectors, i, clusters, out var bestDot);
            if (best >= 0)
            {
                Add(vectors, i, clusters.Sums[best]);
                clusters.SquaredNorms[best] += 2 * bestDot + 1;
                assignment[i] = best;
            }
            else if (clusters.Count < MaxClusters)
            {
                var c = clusters.New();
                Add(vectors, i, clusters.Sums[c]);
                clusters.SquaredNorms[c] = 1;
                assignment[i] = c;
            }
        }

        Merge(vectors, clusters, assignment);

        // Passes 2 and 3: reassign every text to its nearest fixed centroid, then rebuild the centroids.
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < n; i++)
            {
                if (vectors.IsEmpty(i)) continue;
                assignment[i] = Nearest(vectors, i, clusters, out _);
            }
            clusters.Clear();
            for (var i = 0; i < n; i++)
            {
                if (assignment[i] >= 0) Add(vectors, i, clusters.Sums[assignment[i]]);
            }
            for (var c = 0; c < clusters.Count; c++) clusters.SquaredNorms[c] = SquaredNorm(clusters.Sums[c], clusters.TermCount);
        }
        return assignment;
    }

    /// <summary>Greedy merge, largest cluster first: a smaller cluster joins the most similar larger one when their centroids' cosine reaches <see cref="MergeThreshold"/>.</summary>
    private void Merge(Vectors vectors, Clusters clusters, int[] assignment)
    {
        var k = clusters.Count;
        if (k < 2) return;
        var sizes = new int[k];
        foreach (var c in assignment) if (c >= 0) sizes[c]++;
        var order = new int[k];
        for (var c = 0; c < k; c++) order[c] = c;
        Array.Sort(order, (a, b) => sizes[a] != sizes[b] ? sizes[b].CompareTo(sizes[a]) : a.CompareTo(b));

        // The words of each cluster: the union of its members' words (a stamp per word instead of sorting).
        var words = new List<int>[k];
        var byCluster = new List<int>[k];
        for (var c = 0; c < k; c++)
        {
            words[c] = [];
            byCluster[c] = [];
        }
        for (var i = 0; i < assignment.Length; i++) if (assignment[i] >= 0) byCluster[assignment[i]].Add(i);
        var stamp = ArrayPool<int>.Shared.Rent(Math.Max(1, clusters.TermCount));
        Array.Fill(stamp, -1, 0, clusters.TermCount);
        for (var c = 0; c < k; c++)
        {
            foreach (var i in byCluster[c])
            {
                for (var j = vectors.Offsets[i]; j < vectors.Offsets[i + 1]; j++)
                {
                    var id = vectors.Ids[j];
                    if (stamp[id] == c) continue;
                    stamp[id] = c;
                    words[c].Add(id);
                }
            }
        }
        ArrayPool<int>.Shared.Return(stamp);

        var target = new int[k];
        for (var c = 0; c < k; c++) target[c] = c;
        for (var position = 1; position < order.Length; position++)
        {
            var small = order[position];
            var best = -1;
            var bestCosine = MergeThreshold;
            var smallSum = clusters.Sums[small];
            for (var earlier = 0; earlier < position; earlier++)
            {
                var large = order[earlier];
                if (target[large] != large) continue;
                double dot = 0;
                var largeSum = clusters.Sums[large];
                foreach (var t in words[small]) dot += smallSum[t] * largeSum[t];
                var cosine = dot / Math.Sqrt(clusters.SquaredNorms[small] * clusters.SquaredNorms[large]);
                if (cosine >= bestCosine && (best < 0 || cosine > bestCosine))
                {
                    best = large;
                    bestCosine = cosine;
                }
            }
            if (best < 0) continue;
            target[small] = best;
            var into = clusters.Sums[best];
            foreach (var t in words[small]) into[t] += smallSum[t];
            clusters.SquaredNorms[best] = SquaredNorm(into, clusters.TermCount);
            Array.Clear(smallSum, 0, clusters.TermCount);
            clusters.SquaredNorms[small] = 0;
        }
        for (var i = 0; i < assignment.Length; i++) if (assignment[i] >= 0) assignment[i] = target[assignment[i]];
    }

    private int Nearest(Vectors vectors, int i, Clusters clusters, out double bestDot)
    {
        var best = -1;
        var bestCosine = 0.0;
        bestDot = 0;
        for (var c = 0; c < clusters.Count; c++)
        {
            if (clusters.SquaredNorms[c] <= 0) continue;
            var dot = Dot(vectors, i, clusters.Sums[c]);
            var cosine = dot / Math.Sqrt(clusters.SquaredNorms[c]);
            if (cosine >= SimilarityThreshold && cosine > bestCosine)
            {
                best = c;
                bestCosine = cosine;
                bestDot = dot;
            }
        }
        return best;
    }

    private static IReadOnlyList<Theme> BuildThemes(ThemeCorpus corpus, int[] docs, Vectors vectors, int[] assignment, Clusters clusters)
    {
        var members = new List<int>[clusters.Count];
        for (var c = 0; c < clusters.Count; c++) members[c] = [];
        for (var i = 0; i < assignment.Length; i++)
        {
            if (assignment[i] >= 0) members[assignment[i]].Add(i);
        }

        // Label every cluster big enough to be a theme; merge clusters that share a label.
        var byLabel = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new List<(string Label, List<int> Members, double[] Sum)>();
        var labeler = corpus.Labeler;
        for (var c = 0; c < clusters.Count; c++)
        {
            if (members[c].Count < MinThemeSize) continue;
            var label = labeler.Label(members[c], docs);
            if (label.Length == 0) continue;
            if (byLabel.TryGetValue(label, out var existing))
            {
                var group = groups[existing];
                group.Members.AddRange(members[c]);
                var target = group.Sum;
                var source = clusters.Sums[c];
                for (var t = 0; t < clusters.TermCount; t++) target[t] += source[t];
            }
            else
            {
                byLabel.Add(label, groups.Count);
                groups.Add((label, members[c], clusters.Sums[c]));
            }
        }

        var themes = new List<Theme>(groups.Count);
        foreach (var (label, groupMembers, sum) in groups)
        {
            groupMembers.Sort();
            var central = groupMembers[0];
            var bestDot = double.NegativeInfinity;
            foreach (var i in groupMembers)
            {
                var dot = Dot(vectors, i, sum);
                if (dot > bestDot)
                {
                    bestDot = dot;
                    central = i;
                }
            }
            themes.Add(new Theme(label, groupMembers.ToArray(), central));
        }

        themes.Sort(static (a, b) =>
        {
            var bySize = b.Count.CompareTo(a.Count);
            if (bySize != 0) return bySize;
            var byLabel = string.CompareOrdinal(a.Label, b.Label);
            return byLabel != 0 ? byLabel : a.Members[0].CompareTo(b.Members[0]);
        });
        return themes;
    }

    private static double Dot(Vectors vectors, int i, double[] dense)
    {
        double dot = 0;
        var ids = vectors.Ids;
        var weights = vectors.Weights;
        for (var j = vectors.Offsets[i]; j < vectors.Offsets[i + 1]; j++) dot += weights[j] * dense[ids[j]];
        return dot;
    }

    private static void Add(Vectors vectors, int i, double[] dense)
    {
        var ids = vectors.Ids;
        var weights = vectors.Weights;
        for (var j = vectors.Offsets[i]; j < vectors.Offsets[i + 1]; j++) dense[ids[j]] += weights[j];
    }

    private static double SquaredNorm(double[] dense, int length)
    {
        double sum = 0;
        foreach (var value in dense.AsSpan(0, length)) sum += value * value;
        return sum;
    }

    /// <summary>Dense centroid sums (pooled: a run finds themes in several groups), and their squared norms.</summary>
    private sealed class Clusters(int termCount, int maxClusters) : IDisposable
    {
        public readonly int TermCount = termCount;
        public readonly List<double[]> Sums = new(maxClusters);
        public readonly double[] SquaredNorms = new double[maxClusters];

        public int Count => Sums.Count;

        public int New()
        {
            var sum = ArrayPool<double>.Shared.Rent(Math.Max(1, TermCount));
            Array.Clear(sum, 0, TermCount);
            Sums.Add(sum);
            return Sums.Count - 1;
        }

        public void Clear()
        {
            foreach (var sum in Sums) Array.Clear(sum, 0, TermCount);
            Array.Clear(SquaredNorms);
        }

        public void Dispose()
        {
            foreach (var sum in Sums) ArrayPool<double>.Shared.Return(sum);
            Sums.Clear();
        }
    }

    /// <summary>The L2-normalised TF-IDF vectors of the texts searched, stored flat: text i owns entries Offsets[i] .. Offsets[i + 1] - 1.</summary>
    private sealed class Vectors(int[] offsets, int[] ids, double[] weights, int termCount)
    {
        /// <summary>How many distinct terms (local ids 0 .. TermCount - 1) the texts searched use.</summary>
        public readonly int TermCount = termCount;

        public readonly int[] Offsets = offsets;
        public readonly int[] Ids = ids;
        public readonly double[] Weights = weights;

        public int Count => Offsets.Length - 1;

        public bool IsEmpty(int i) => Offsets[i] == Offsets[i + 1];

        public static Vectors Of(ThemeCorpus corpus, int[] docs)
        {
            var n = docs.Length;
            var offsets = new int[n + 1];
            for (var i = 0; i < n; i++) offsets[i + 1] = offsets[i] + corpus.TermOffsets[docs[i] + 1] - corpus.TermOffsets[docs[i]];
            var ids = new int[offsets[n]];
            var weights = new double[offsets[n]];

            // Terms get ids local to the texts searched, so the dense centroids are only as wide as this subset's
            // vocabulary; the corpus's map from term to local id is reset after use, so a group costs its own size only.
            var local = corpus.LocalIds();
            var documentFrequency = new List<int>(Math.Min(corpus.TermCount, offsets[n]));
            var terms = new List<int>(documentFrequency.Capacity);
            try
            {
                for (var i = 0; i < n; i++)
                {
                    var from = corpus.TermOffsets[docs[i]];
                    for (var j = offsets[i]; j < offsets[i + 1]; j++)
                    {
                        var term = corpus.TermIds[from + j - offsets[i]];
                        var id = local[term];
                        if (id < 0)
                        {
                            id = local[term] = documentFrequency.Count;
                            documentFrequency.Add(0);
                            terms.Add(term);
                        }
                        ids[j] = id;
                        documentFrequency[id]++;
                    }
                }
            }
            finally
            {
                foreach (var term in terms) local[term] = -1;
            }

            var pair = new List<bool>(terms.Count);
            foreach (var term in terms) pair.Add(corpus.Vocabulary.IsPair(term));
            var termCounts = new int[offsets[n]];
            for (var i = 0; i < n; i++)
            {
                var from = corpus.TermOffsets[docs[i]];
                for (var j = offsets[i]; j < offsets[i + 1]; j++) termCounts[j] = corpus.TermCounts[from + j - offsets[i]];
            }
            if (documentFrequency.Count > MaxTerms) Keep(ref offsets, ref ids, ref termCounts, documentFrequency, pair, n);
            weights = new double[offsets[n]];

            var idf = new double[documentFrequency.Count];
            for (var t = 0; t < idf.Length; t++)
            {
                idf[t] = (Math.Log((1.0 + n) / (1.0 + documentFrequency[t])) + 1.0) * (pair[t] ? BigramWeight : 1.0);
            }

            // Terms only one text of the run uses weigh as a term seen once in this subset would.
            var rareIdf = Math.Log((1.0 + n) / 2.0) + 1.0;
            for (var i = 0; i < n; i++)
            {
                double norm = corpus.RareSquares[docs[i]] * rareIdf * rareIdf;
                for (var j = offsets[i]; j < offsets[i + 1]; j++)
                {
                    var w = termCounts[j] * idf[ids[j]];
                    weights[j] = w;
                    norm += w * w;
                }
                if (norm > 0)
                {
                    var scale = 1.0 / Math.Sqrt(norm);
                    for (var j = offsets[i]; j < offsets[i + 1]; j++) weights[j] *= scale;
                }
            }
            return new Vectors(offsets, ids, weights, idf.Length);
        }

        /// <summary>
        /// Keeps the <see cref="MaxTerms"/> terms used by the most texts (ties: the first seen) and renumbers them, so
        /// the centroids stay bounded (32 × 65,536 doubles = 16 MB) whatever the vocabulary of the run.
        /// </summary>
        private static void Keep(ref int[] offsets, ref int[] ids, ref int[] termCounts, List<int> documentFrequency, List<bool> pair, int n)
        {
            var order = new int[documentFrequency.Count];
            for (var t = 0; t < order.Length; t++) order[t] = t;
            var df = documentFrequency.ToArray();
            Array.Sort(order, (a, b) => df[a] != df[b] ? df[b].CompareTo(df[a]) : a.CompareTo(b));
            var renumber = new int[order.Length];
            Array.Fill(renumber, -1);
            for (var r = 0; r < MaxTerms; r++) renumber[order[r]] = r;

            var keptOffsets = new int[n + 1];
            var keptIds = new List<int>(ids.Length / 2);
            var keptCounts = new List<int>(ids.Length / 2);
            for (var i = 0; i < n; i++)
            {
                for (var j = offsets[i]; j < offsets[i + 1]; j++)
                {
                    var id = renumber[ids[j]];
                    if (id < 0) continue;
                    keptIds.Add(id);
                    keptCounts.Add(termCounts[j]);
                }
                keptOffsets[i + 1] = keptIds.Count;
            }
            var keptDf = new int[MaxTerms];
            var keptPair = new bool[MaxTerms];
            for (var r = 0; r < MaxTerms; r++)
            {
                keptDf[r] = df[order[r]];
                keptPair[r] = pair[order[r]];
            }
            documentFrequency.Clear();
            documentFrequency.AddRange(keptDf);
            pair.Clear();
            pair.AddRange(keptPair);
            offsets = keptOffsets;
            ids = keptIds.ToArray();
            termCounts = keptCounts.ToArray();
        }
    }
}
