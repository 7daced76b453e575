using System.Runtime.InteropServices;

namespace EvalReports.Summaries;

/// <summary>
/// Finds themes in short texts (scorer explanations): TF-IDF over word unigrams and bigrams (stop words removed,
/// smoothed idf = ln((1 + n) / (1 + df)) + 1, vectors L2-normalised), then leader clustering on cosine similarity to the
/// running cluster centroids (at most <see cref="MaxClusters"/> clusters, so the work is O(n · k · terms per text)),
/// then two reassignment passes against the fixed centroids, then clusters that end up with the same label are merged.
/// A theme is named by the n-gram with the highest summed TF-IDF in it, a bigram when that is at least
/// <see cref="BigramPreference"/> of the best single word. Deterministic: ties go to the earliest text or the ordinal-first label.
/// </summary>
public sealed class ThemeFinder
{
    public const double DefaultSimilarityThreshold = 0.08;
    public const int DefaultMaxClusters = 32;
    public const int MinThemeSize = 2;
    public const double BigramPreference = 0.5;
    public const double DefaultMergeThreshold = 0.1;
    public const double DefaultBigramWeight = 0.5;

    private readonly StopWords _stopWords;

    public ThemeFinder(
        StopWords stopWords,
        double similarityThreshold = DefaultSimilarityThreshold,
        int maxClusters = DefaultMaxClusters,
        double mergeThreshold = DefaultMergeThreshold,
        double bigramWeight = DefaultBigramWeight)
    {
        MergeThreshold = mergeThreshold;
        BigramWeight = bigramWeight;
        _stopWords = stopWords ?? throw new ArgumentNullException(nameof(stopWords));
        if (similarityThreshold is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(similarityThreshold));
        if (maxClusters < 1) throw new ArgumentOutOfRangeException(nameof(maxClusters));
        SimilarityThreshold = similarityThreshold;
        MaxClusters = maxClusters;
    }

    public double SimilarityThreshold { get; }

    public int MaxClusters { get; }

    /// <summary>Clusters whose centroids are at least this similar after the leader pass are merged.</summary>
    public double MergeThreshold { get; }

    /// <summary>Term frequency weight of a bigram relative to a word (bigrams sharpen labels more than similarity).</summary>
    public double BigramWeight { get; }

    /// <summary>
    /// Themes of at least <see cref="MinThemeSize"/> texts, largest first (ties: label, then first member, ordinal).
    /// Texts in no theme (alone, or without any content word) are left out.
    /// </summary>
    public IReadOnlyList<Theme> Find(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count < MinThemeSize) return [];

        var vocabulary = new TermVocabulary();
        var vectors = Vectorize(texts, vocabulary);
        var assignment = Cluster(vectors, vocabulary.Count, out var sums, out var clusterCount);
        return BuildThemes(vectors, vocabulary, assignment, sums, clusterCount);
    }

    private SparseVectors Vectorize(IReadOnlyList<string> texts, TermVocabulary vocabulary)
    {
        var n = texts.Count;
        var starts = new int[n + 1];
        var ids = new List<int>(n * 16);
        var weights = new List<double>(n * 16);
        var documentFrequency = new List<int>(256);
        var docTerms = new List<int>(64);
        Span<char> buffer = stackalloc char[Tokenizer.BufferLength];
        Span<char> scratch = stackalloc char[Tokenizer.BufferLength];

        for (var i = 0; i < n; i++)
        {
            docTerms.Clear();
            var previous = -1;
            var tokenizer = new Tokenizer((texts[i] ?? string.Empty).AsSpan(), buffer);
            while (tokenizer.MoveNext())
            {
                var word = tokenizer.Current;
                var term = TermNormalizer.ToTerm(word, _stopWords, scratch);
                if (term.IsEmpty)
                {
                    previous = -1; // bigrams only join words that are next to each other in the text
                    continue;
                }
                var id = vocabulary.Word(term, word);
                docTerms.Add(id);
                if (previous >= 0 && previous != id) docTerms.Add(vocabulary.Pair(previous, id));
                previous = id;
            }

            var span = CollectionsMarshal.AsSpan(docTerms);
            span.Sort();
            for (var j = 0; j < span.Length;)
            {
                var id = span[j];
                var k = j + 1;
                while (k < span.Length && span[k] == id) k++;
                ids.Add(id);
                weights.Add(vocabulary.IsPair(id) ? (k - j) * BigramWeight : k - j);
                while (documentFrequency.Count <= id) documentFrequency.Add(0);
                documentFrequency[id]++;
                j = k;
            }
            starts[i + 1] = ids.Count;
        }

        var idArray = ids.ToArray();
        var weightArray = weights.ToArray();
        var idf = new double[documentFrequency.Count];
        for (var t = 0; t < idf.Length; t++) idf[t] = Math.Log((1.0 + n) / (1.0 + documentFrequency[t])) + 1.0;

        for (var i = 0; i < n; i++)
        {
            double norm = 0;
            for (var j = starts[i]; j < starts[i + 1]; j++)
            {
                var w = weightArray[j] * idf[idArray[j]];
                weightArray[j] = w;
                norm += w * w;
            }
            if (norm > 0)
            {
                var scale = 1.0 / Math.Sqrt(norm);
                for (var j = starts[i]; j < starts[i + 1]; j++) weightArray[j] *= scale;
            }
        }

        return new SparseVectors(starts, idArray, weightArray);
    }

    private int[] Cluster(SparseVectors vectors, int termCount, out double[][] sums, out int clusterCount)
    {
        var n = vectors.Count;
        var assignment = new int[n];
        Array.Fill(assignment, -1);
        var clusterSums = new List<double[]>();
        var squaredNorms = new double[MaxClusters];

        // Pass 1: leader clustering against running centroids.
        for (var i = 0; i < n; i++)
        {
            if (vectors.IsEmpty(i)) continue;
            var best = Nearest(vectors, i, clusterSums, squaredNorms, out var bestDot);
            if (best >= 0)
            {
                Add(vectors, i, clusterSums[best]);
                squaredNorms[best] += 2 * bestDot + 1;
                assignment[i] = best;
            }
            else if (clusterSums.Count < MaxClusters)
            {
                var sum = new double[termCount];
                Add(vectors, i, sum);
                squaredNorms[clusterSums.Count] = 1;
                assignment[i] = clusterSums.Count;
                clusterSums.Add(sum);
            }
        }

        Merge(clusterSums, squaredNorms, assignment);

        // Passes 2 and 3: reassign every text to its nearest fixed centroid, then rebuild the centroids.
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < n; i++)
            {
                if (vectors.IsEmpty(i)) continue;
                assignment[i] = Nearest(vectors, i, clusterSums, squaredNorms, out _);
            }
            foreach (var sum in clusterSums) Array.Clear(sum);
            Array.Clear(squaredNorms);
            for (var i = 0; i < n; i++)
            {
                if (assignment[i] >= 0) Add(vectors, i, clusterSums[assignment[i]]);
            }
            for (var c = 0; c < clusterSums.Count; c++) squaredNorms[c] = SquaredNorm(clusterSums[c]);
        }

        sums = clusterSums.ToArray();
        clusterCount = sums.Length;
        return assignment;
    }

    /// <summary>Greedy merge, largest cluster first: a smaller cluster joins the most similar larger one when their centroids' cosine reaches <see cref="MergeThreshold"/>.</summary>
    private void Merge(List<double[]> sums, double[] squaredNorms, int[] assignment)
    {
        var k = sums.Count;
        if (k < 2) return;
        var sizes = new int[k];
        foreach (var c in assignment) if (c >= 0) sizes[c]++;
        var order = Enumerable.Range(0, k).OrderByDescending(c => sizes[c]).ThenBy(c => c).ToArray();
        var nonZero = new int[k][];
        for (var c = 0; c < k; c++)
        {
            var terms = new List<int>();
            var sum = sums[c];
            for (var t = 0; t < sum.Length; t++) if (sum[t] != 0) terms.Add(t);
            nonZero[c] = terms.ToArray();
        }

        var target = Enumerable.Range(0, k).ToArray();
        for (var position = 1; position < order.Length; position++)
        {
            var small = order[position];
            var best = -1;
            var bestCosine = MergeThreshold;
            for (var earlier = 0; earlier < position; earlier++)
            {
                var large = order[earlier];
                if (target[large] != large) continue;
                double dot = 0;
                var smallSum = sums[small];
                var largeSum = sums[large];
                foreach (var t in nonZero[small]) dot += smallSum[t] * largeSum[t];
                var cosine = dot / Math.Sqrt(squaredNorms[small] * squaredNorms[large]);
                if (cosine >= bestCosine && (best < 0 || cosine > bestCosine))
                {
                    best = large;
                    bestCosine = cosine;
                }
            }
            if (best < 0) continue;
            target[small] = best;
            var into = sums[best];
            var from = sums[small];
            foreach (var t in nonZero[small]) into[t] += from[t];
            nonZero[best] = nonZero[best].Union(nonZero[small]).ToArray();
            squaredNorms[best] = SquaredNorm(into);
            Array.Clear(from);
            squaredNorms[small] = 0;
        }
        for (var i = 0; i < assignment.Length; i++) if (assignment[i] >= 0) assignment[i] = target[assignment[i]];
    }

    private int Nearest(SparseVectors vectors, int i, List<double[]> sums, double[] squaredNorms, out double bestDot)
    {
        var best = -1;
        var bestCosine = 0.0;
        bestDot = 0;
        for (var c = 0; c < sums.Count; c++)
        {
            if (squaredNorms[c] <= 0) continue;
            var dot = Dot(vectors, i, sums[c]);
            var cosine = dot / Math.Sqrt(squaredNorms[c]);
            if (cosine >= SimilarityThreshold && cosine > bestCosine)
            {
                best = c;
                bestCosine = cosine;
                bestDot = dot;
            }
        }
        return best;
    }

    private static IReadOnlyList<Theme> BuildThemes(SparseVectors vectors, TermVocabulary vocabulary, int[] assignment, double[][] sums, int clusterCount)
    {
        // Label every non-empty cluster; merge clusters that share a label.
        var members = new List<int>[clusterCount];
        for (var c = 0; c < clusterCount; c++) members[c] = [];
        for (var i = 0; i < assignment.Length; i++)
        {
            if (assignment[i] >= 0) members[assignment[i]].Add(i);
        }

        var byLabel = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new List<(string Label, List<int> Members, double[] Sum)>();
        for (var c = 0; c < clusterCount; c++)
        {
            if (members[c].Count == 0) continue;
            var label = Label(sums[c], vocabulary);
            if (byLabel.TryGetValue(label, out var existing))
            {
                var group = groups[existing];
                group.Members.AddRange(members[c]);
                var target = group.Sum;
                var source = sums[c];
                for (var t = 0; t < target.Length; t++) target[t] += source[t];
            }
            else
            {
                byLabel.Add(label, groups.Count);
                groups.Add((label, members[c], sums[c]));
            }
        }

        var themes = new List<Theme>();
        foreach (var (label, groupMembers, sum) in groups)
        {
            if (groupMembers.Count < MinThemeSize) continue;
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

    private static string Label(double[] sum, TermVocabulary vocabulary)
    {
        int bestWord = -1, bestPair = -1;
        double bestWordScore = 0, bestPairScore = 0;
        for (var t = 0; t < sum.Length; t++)
        {
            var score = sum[t];
            if (score <= 0) continue;
            if (vocabulary.IsPair(t))
            {
                if (Better(score, t, bestPairScore, bestPair, vocabulary)) { bestPair = t; bestPairScore = score; }
            }
            else if (Better(score, t, bestWordScore, bestWord, vocabulary))
            {
                bestWord = t;
                bestWordScore = score;
            }
        }

        if (bestPair >= 0 && bestPairScore >= BigramPreference * bestWordScore) return vocabulary.Display(bestPair);
        return bestWord >= 0 ? vocabulary.Display(bestWord) : string.Empty;
    }

    private static bool Better(double score, int term, double bestScore, int bestTerm, TermVocabulary vocabulary)
    {
        if (bestTerm < 0 || score > bestScore) return true;
        return score == bestScore && string.CompareOrdinal(vocabulary.Display(term), vocabulary.Display(bestTerm)) < 0;
    }

    private static double Dot(SparseVectors vectors, int i, double[] dense)
    {
        double dot = 0;
        var ids = vectors.Ids;
        var weights = vectors.Weights;
        for (var j = vectors.Starts[i]; j < vectors.Starts[i + 1]; j++) dot += weights[j] * dense[ids[j]];
        return dot;
    }

    private static void Add(SparseVectors vectors, int i, double[] dense)
    {
        var ids = vectors.Ids;
        var weights = vectors.Weights;
        for (var j = vectors.Starts[i]; j < vectors.Starts[i + 1]; j++) dense[ids[j]] += weights[j];
    }

    private static double SquaredNorm(double[] dense)
    {
        double sum = 0;
        foreach (var value in dense) sum += value * value;
        return sum;
    }

    /// <summary>L2-normalised TF-IDF vectors of all texts, stored flat: text i owns entries Starts[i] .. Starts[i + 1] - 1.</summary>
    private sealed record SparseVectors(int[] Starts, int[] Ids, double[] Weights)
    {
        public int Count => Starts.Length - 1;

        public bool IsEmpty(int i) => Starts[i] == Starts[i + 1];
    }
}
