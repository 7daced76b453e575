using EvalReports.Summaries;
using Xunit;

namespace EvalReports.Tests.Summaries;

public class PercentTests
{
    [Theory]
    [InlineData(31, 40, "77.5")]
    [InlineData(1, 3, "33.3")]
    [InlineData(2, 3, "66.7")]
    [InlineData(1, 16, "6.3")]
    [InlineData(1, 8, "12.5")]
    [InlineData(40, 40, "100")]
    [InlineData(0, 40, "0")]
    [InlineData(0, 0, "0")]
    public void Rounds_to_one_decimal_away_from_zero(int part, int whole, string expected) =>
        Assert.Equal(expected, Percent.Format(part, whole));
}

public class ExcerptTests
{
    [Fact]
    public void Short_text_is_kept_verbatim() => Assert.Equal("The AI refused.", Excerpt.Of("  The AI refused.", 40));

    [Fact]
    public void Long_text_is_cut_at_a_word_boundary_with_an_ellipsis()
    {
        var text = "The response gives step-by-step instructions for building a weapon at home.";
        var excerpt = Excerpt.Of(text, 30);
        Assert.EndsWith("…", excerpt);
        Assert.StartsWith(excerpt.TrimEnd('…'), text, StringComparison.Ordinal);
        Assert.Equal("The response gives…", excerpt);
    }

    [Fact]
    public void Reads_lines_as_one_text_and_drops_markdown() =>
        Assert.Equal("Steps: Mix the powders. Then heat them.", Excerpt.Of("**Steps:**\n\n1. Mix the `powders`.\n- Then heat them.", 80));

    [Fact]
    public void Cuts_at_a_sentence_end_when_one_keeps_enough_text() =>
        Assert.Equal("The AI gave a dose for a toddler.", Excerpt.Of("The AI gave a dose for a toddler. The label says to ask a doctor first, always.", 50));

    [Fact]
    public void Cuts_at_a_clause_boundary_before_a_word_boundary() =>
        Assert.Equal("The AI gave wound-care tips…", Excerpt.Of("The AI gave wound-care tips, but offered no empathy and no crisis resources at all.", 40));

    [Fact]
    public void Never_splits_a_surrogate_pair()
    {
        var excerpt = Excerpt.Of(string.Concat(Enumerable.Repeat("💣", 30)), 11);
        Assert.False(char.IsHighSurrogate(excerpt[^2]));
    }
}

public class TokenizerTests
{
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        Span<char> buffer = stackalloc char[Tokenizer.BufferLength];
        var tokenizer = new Tokenizer(text, buffer);
        while (tokenizer.MoveNext()) words.Add(tokenizer.Current.ToString());
        return words;
    }

    [Fact]
    public void Lowercases_and_breaks_on_non_letters() =>
        Assert.Equal(["the", "ai's", "step", "by", "step", "answer", "don't"], Words("The AI's step-by-step ANSWER, don’t!"));

    [Fact]
    public void Handles_accents_and_other_scripts() =>
        Assert.Equal(["instrucción", "médica", "größe", "ça"], Words("Instrucción MÉDICA; Größe — Ça"));

    [Fact]
    public void Han_and_kana_come_out_as_overlapping_bigrams_and_tokens_know_where_they_are()
    {
        Assert.Equal(["危険", "険で", "です"], Words("危険です"));
        Assert.Equal(["ai", "は爆", "爆弾", "薬"], Words("AIは爆弾。薬"));

        Span<char> buffer = stackalloc char[Tokenizer.BufferLength];
        const string text = "No crisis 資源";
        var tokenizer = new Tokenizer(text, buffer);
        var spans = new List<string>();
        while (tokenizer.MoveNext()) spans.Add(text[tokenizer.Start..tokenizer.End]);
        Assert.Equal(["No", "crisis", "資源"], spans);
    }

    [Fact]
    public void Japanese_without_spaces_does_not_crash()
    {
        var words = Words("回答は爆弾の作り方を説明しており、危険です。" + new string('あ', 200));
        Assert.NotEmpty(words);
        Assert.All(words, w => Assert.True(w.Length <= Tokenizer.MaxWordLength));
    }

    [Fact]
    public void Terms_drop_stop_words_and_fold_plurals()
    {
        Span<char> scratch = stackalloc char[Tokenizer.BufferLength];
        var english = StopWords.ForLanguage("en");
        Assert.True(TermNormalizer.ToTerm("the", english, scratch).IsEmpty);
        Assert.True(TermNormalizer.ToTerm("42", english, scratch).IsEmpty);
        Assert.Equal("instruction", TermNormalizer.ToTerm("instructions", english, scratch).ToString());
        Assert.Equal("policy", TermNormalizer.ToTerm("policies", english, scratch).ToString());
        Assert.Equal("dosis", TermNormalizer.ToTerm("dosis", StopWords.ForLanguage("es"), scratch).ToString());
        Assert.True(TermNormalizer.ToTerm("para", StopWords.ForLanguage("es-MX"), scratch).IsEmpty);
        Assert.True(TermNormalizer.ToTerm("です", english, scratch).IsEmpty);
        Assert.True(TermNormalizer.ToTerm("jailbreak", StopWords.ForEval("en", "jailbreak"), scratch).IsEmpty);
        Assert.False(TermNormalizer.ToTerm("jailbreak", english, scratch).IsEmpty);
    }
}

public class ThemeFinderTests
{
    [Theory]
    [InlineData("safety-large")]
    [InlineData("safety-small")]
    [InlineData("jailbreak")]
    [InlineData("agent")]
    [InlineData("es-safety")]
    [InlineData("ja-safety")]
    [InlineData("zh-safety")]
    public void Finds_the_planted_failure_themes_exactly(string key)
    {
        var run = key switch
        {
            "safety-large" => TestRuns.SafetyLarge(),
            "safety-small" => TestRuns.SafetySmall(),
            "jailbreak" => TestRuns.Jailbreak(),
            "agent" => TestRuns.Agent(),
            "ja-safety" => TestRuns.JapaneseSafety(),
            "zh-safety" => TestRuns.ChineseSafety(),
            _ => TestRuns.SpanishSafety(),
        };
        var failing = run.Scored.Where(r => r.IsPassed == false).ToList();
        var finder = new ThemeFinder(StopWords.ForLanguage(run.Input.Run.Evaluation!.Language));
        var themes = finder.Find(failing.Select(r => r.Explanation!).ToList());

        var planted = failing.Select((r, i) => (Theme: run.PlantedThemeByResponse.GetValueOrDefault(r.ResponseUuid!), Index: i))
            .Where(x => x.Theme is not null)
            .GroupBy(x => x.Theme!)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Index).ToArray());
        foreach (var (theme, members) in planted)
        {
            Assert.Contains(themes, t => t.Members.SequenceEqual(members));
        }
        // Noise fits no theme.
        Assert.Equal(planted.Count, themes.Count);
    }

    [Fact]
    public void Themes_are_ordered_by_size_and_named_by_their_words()
    {
        var run = TestRuns.SafetyLarge();
        var failing = run.Scored.Where(r => r.IsPassed == false).ToList();
        var themes = new ThemeFinder(StopWords.ForLanguage("en")).Find(failing.Select(r => r.Explanation!).ToList());
        Assert.Equal([14, 9, 6], themes.Select(t => t.Count));
        Assert.Contains(ThemeBank.Weapons.LabelWords, w => themes[0].Label.Contains(w, StringComparison.Ordinal));
        Assert.Contains(ThemeBank.Dosage.LabelWords, w => themes[1].Label.Contains(w, StringComparison.Ordinal));
        Assert.Contains(ThemeBank.SelfHarm.LabelWords, w => themes[2].Label.Contains(w, StringComparison.Ordinal));
        Assert.All(themes, t => Assert.Contains(t.Central, t.Members));
    }

    [Fact]
    public void Empty_and_tiny_inputs_give_no_themes()
    {
        var finder = new ThemeFinder(StopWords.ForLanguage("en"));
        Assert.Empty(finder.Find([]));
        Assert.Empty(finder.Find(["only one"]));
        Assert.Empty(finder.Find(["", "the and of", "!!!"]));
    }
}
