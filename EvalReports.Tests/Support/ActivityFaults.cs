using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace EvalReports.Tests.Support;

/// <summary>
/// Makes a fixed share of activity executions throw, decided by a hash of (seed, activity, stable label, attempt), so
/// the same seed injects the same faults whatever the scheduling order. Half the faults strike before the activity's
/// work and half after it (the work is done but reported failed, so the retry repeats it: at-least-once delivery).
/// </summary>
public sealed class ActivityFaults(string seed, double rate, Func<string, object, Task<string>> label) : IActivityInterceptor
{
    private readonly ConcurrentDictionary<string, int> attempts = new();
    private int injected;
    private int executions;

    public int Injected => injected;

    public int Executions => executions;

    public async Task<T> InvokeAsync<T>(string activity, object input, Func<Task<T>> run)
    {
        var key = $"{activity}/{await label(activity, input)}";
        var attempt = attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
        Interlocked.Increment(ref executions);
        var fault = Decide(activity, key, attempt);
        if (fault == Fault.Before)
        {
            Interlocked.Increment(ref injected);
            throw new InjectedFaultException($"injected before {key} attempt {attempt}");
        }

        var result = await run();
        if (fault == Fault.After)
        {
            Interlocked.Increment(ref injected);
            throw new InjectedFaultException($"injected after {key} attempt {attempt}");
        }

        return result;
    }

    /// <summary>True when the first <paramref name="maxAttempts"/> attempts of this activity all fault.</summary>
    public bool Exhausts(string activity, string label, int maxAttempts) =>
        Enumerable.Range(1, maxAttempts).All(a => Decide(activity, $"{activity}/{label}", a) != Fault.None);

    /// <summary>True when one of the first attempts faulted after doing its work.</summary>
    public bool WorkDoneDespiteFault(string activity, string label, int maxAttempts) =>
        Enumerable.Range(1, maxAttempts).Any(a => Decide(activity, $"{activity}/{label}", a) == Fault.After);

    private Fault Decide(string activity, string key, int attempt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}|{key}|{attempt}"));
        var draw = BitConverter.ToUInt64(hash, 0) / (double)ulong.MaxValue;
        return draw >= rate ? Fault.None : (hash[8] & 1) == 0 ? Fault.Before : Fault.After;
    }

    private enum Fault
    {
        None,
        Before,
        After,
    }
}

public sealed class InjectedFaultException(string message) : Exception(message);
