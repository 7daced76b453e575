namespace EvalReports.Stats;

/// <summary>
/// Interval estimates and tests for binomial proportions, each as its textbook defines it: the Wilson score interval
/// (Wilson 1927), Newcombe's hybrid score interval for a difference (Newcombe 1998, method 10), Fisher's exact test
/// (two-sided: the tables no more probable than the one observed, as R's fisher.test) and the pooled two-proportion z-test.
/// </summary>
public static class Proportions
{
    /// <summary>The 97.5% quantile of the standard normal distribution: a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>Below this expected count in any cell of the 2×2 table the z-test's normal approximation is poor (Cochran's rule).</summary>
    public const double MinExpectedCountForZTest = 5;

    /// <summary>Relative tolerance when comparing table probabilities, as R's fisher.test uses, so equal tables count as equal.</summary>
    private const double ProbabilityTolerance = 1e-7;

    public static (double Low, double High)? Wilson(int successes, int trials, double z = Z95)
    {
        if (trials <= 0)
        {
            return null;
        }

        double n = trials, p = (double)successes / trials, z2 = z * z;
        var denominator = 1 + z2 / n;
        var center = (p + z2 / (2 * n)) / denominator;
        var half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        return (Math.Max(0, center - half), Math.Min(1, center + half));
    }

    /// <summary>95% interval of p1 − p2 from the two Wilson intervals (Newcombe's method 10).</summary>
    public static (double Low, double High)? NewcombeDifference(int x1, int n1, int x2, int n2)
    {
        if (Wilson(x1, n1) is not var (l1, u1) || Wilson(x2, n2) is not var (l2, u2))
        {
            return null;
        }

        double p1 = (double)x1 / n1, p2 = (double)x2 / n2, d = p1 - p2;
        var low = d - Math.Sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2));
        var high = d + Math.Sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2));
        return (Math.Max(-1, low), Math.Min(1, high));
    }

    /// <summary>True when every expected cell count of the 2×2 table is at least 5, so the z-test may be used.</summary>
    public static bool ZTestApplies(int x1, int n1, int x2, int n2)
    {
        double total = n1 + n2, successes = x1 + x2, failures = total - successes;
        return new[] { n1 * successes / total, n1 * failures / total, n2 * successes / total, n2 * failures / total }
            .All(expected => expected >= MinExpectedCountForZTest);
    }

    /// <summary>Two-sided p-value of the pooled two-proportion z-test.</summary>
    public static double TwoProportionZTest(int x1, int n1, int x2, int n2)
    {
        var pooled = (double)(x1 + x2) / (n1 + n2);
        var se = Math.Sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        if (se == 0)
        {
            return 1;
        }

        var z = ((double)x1 / n1 - (double)x2 / n2) / se;
        return Math.Min(1, Erfc(Math.Abs(z) / Math.Sqrt(2)));
    }

    /// <summary>Two-sided p-value of Fisher's exact test on [[x1, n1 − x1], [x2, n2 − x2]].</summary>
    public static double FisherExact(int x1, int n1, int x2, int n2)
    {
        var total = n1 + n2;
        var successes = x1 + x2;
        var logFactorial = new double[total + 1];
        for (var i = 1; i <= total; i++)
        {
            logFactorial[i] = logFactorial[i - 1] + Math.Log(i);
        }

        double LogChoose(int n, int k) => logFactorial[n] - logFactorial[k] - logFactorial[n - k];
        double LogProbability(int k) => LogChoose(n1, k) + LogChoose(n2, successes - k) - LogChoose(total, successes);

        var observed = LogProbability(x1);
        var limit = observed + Math.Log(1 + ProbabilityTolerance);
        double p = 0;
        for (var k = Math.Max(0, successes - n2); k <= Math.Min(n1, successes); k++)
        {
            var logP = LogProbability(k);
            if (logP <= limit)
            {
                p += Math.Exp(logP);
            }
        }

        return Math.Min(1, p);
    }

    /// <summary>Standard normal cumulative distribution.</summary>
    public static double NormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    /// <summary>
    /// Complementary error function, Chebyshev fit with fractional error below 1.2e-7 everywhere (Press et al.,
    /// Numerical Recipes, 2nd ed., §6.2 erfcc): ample for p-values reported to four decimals.
    /// </summary>
    public static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + 0.5 * z);
        var ans = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
            t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2 - ans;
    }
}
