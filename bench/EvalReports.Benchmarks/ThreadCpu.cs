using System.Runtime.InteropServices;

namespace EvalReports.Benchmarks;

/// <summary>The calling thread's CPU time (Linux CLOCK_THREAD_CPUTIME_ID); 0 where that clock is unavailable.</summary>
public static class ThreadCpu
{
    private const int ClockThreadCpuTime = 3;

    public static long Now()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        return ClockGetTime(ClockThreadCpuTime, out var time) == 0 ? (time.Seconds * 1_000_000_000L) + time.Nanoseconds : 0;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
