using EvalReports.Stats;

namespace EvalReports.Tests.Stats;

/// <summary>
/// The statistics against published values: Newcombe (1998) "Two-sided confidence intervals for the single proportion"
/// (Stat Med 17:857, Table I, Wilson score method) and "Interval estimation for the difference between independent
/// proportions" (Stat Med 17:873, Table II, method 10); Fisher's exact test on the "lady tasting tea" table and on
/// the 2×2 example of Wikipedia's "Fisher's exact test" article; the z-test worked by hand with a normal table.
/// </summary>
public sealed class ProportionsTests
{
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Wilson_interval_matches_Newcombe_table_I(int x, int n, double low, double high)
    {
        var (l, h) = Proportions.Wilson(x, n)!.Value;

        Assert.Equal(low, l, 4);
        Assert.Equal(high, h, 4);
    }

    [Theory]
    [InlineData(56, 70, 48, 80, 0.0524, 0.3339)]
    [InlineData(9, 10, 3, 10, 0.1705, 0.8090)]
    [InlineData(5, 56, 0, 29, -0.0381, 0.1926)]
    [InlineData(0, 10, 0, 20, -0.1611, 0.2775)]
    [InlineData(0, 10, 0, 10, -0.2775, 0.2775)]
    [InlineData(10, 10, 0, 20, 0.6791, 1.0000)]
    [InlineData(10, 10, 0, 10, 0.6075, 1.0000)]
    public void Difference_interval_matches_Newcombe_table_II_method_10(int x1, int n1, int x2, int n2, double low, double high)
    {
        var (l, h) = Proportions.NewcombeDifference(x1, n1, x2, n2)!.Value;

        Assert.Equal(low, l, 4);
        Assert.Equal(high, h, 4);
    }

    [Fact]
    public void Fisher_exact_two_sided_matches_the_tea_tasting_and_wikipedia_examples()
    {
        // Tea tasting: 3 of 4 milk-first cups named right, 1 of 4 tea-first cups named milk-first: p = 34/70 = 0.4857.
        Assert.Equal(34.0 / 70, Proportions.FisherExact(3, 4, 1, 4), 6);
        // Wikipedia: men 1 dieting of 10, women 11 of 14 → two-sided p = 0.002759.
        Assert.Equal(0.002759, Proportions.FisherExact(1, 10, 11, 14), 6);
        // Identical proportions cannot be told apart.
        Assert.Equal(1.0, Proportions.FisherExact(5, 10, 5, 10), 9);
    }

    [Fact]
    public void Z_test_matches_the_hand_computation()
    {
        // 60/100 vs 45/100: pooled p = 0.525, SE = sqrt(0.525 · 0.475 · (1/100 + 1/100)) = 0.070622,
        // z = 0.15 / 0.070622 = 2.124; a normal table gives Φ(2.12) = 0.9830, so p ≈ 2 · (1 − 0.9830) = 0.034.
        Assert.Equal(0.0337, Proportions.TwoProportionZTest(60, 100, 45, 100), 3);
        // Φ(1.96) = 0.9750 and Φ(−1.645) = 0.0500 (normal table).
        Assert.Equal(0.9750, Proportions.NormalCdf(1.96), 4);
        Assert.Equal(0.0500, Proportions.NormalCdf(-1.645), 4);
    }

    [Theory]
    [InlineData(60, 100, 45, 100, true)]   // expected counts 52.5 / 47.5
    [InlineData(3, 4, 1, 4, false)]        // expected 2 per cell
    [InlineData(98, 100, 99, 100, false)]  // expected failures 1.5
    public void Fisher_is_used_when_an_expected_count_is_below_five(int x1, int n1, int x2, int n2, bool z)
    {
        Assert.Equal(z, Proportions.ZTestApplies(x1, n1, x2, n2));
    }

    [Fact]
    public void Verdicts_follow_the_p_value_and_the_sign_at_alpha_005()
    {
        var improved = RunComparer.Test(60, 100, 45, 100);
        Assert.Equal("improved", improved.Verdict);
        Assert.Equal("two_proportion_z", improved.Test);
        Assert.Equal(0.15, improved.Difference!.Value, 10);

        // 1/8 now, 7/8 before: expected counts of 4 → Fisher; p = 2 · (C(8,1)·C(8,7) + C(8,0)·C(8,8)) / C(16,8) = 130/12870.
        var regressed = RunComparer.Test(1, 8, 7, 8);
        Assert.Equal("regressed", regressed.Verdict);
        Assert.Equal("fisher_exact", regressed.Test);
        Assert.Equal(130.0 / 12870, regressed.PValue!.Value, 9);

        var unchanged = RunComparer.Test(3, 4, 1, 4);
        Assert.Equal("unchanged", unchanged.Verdict);
        Assert.Equal(34.0 / 70, unchanged.PValue!.Value, 6);
    }
}
