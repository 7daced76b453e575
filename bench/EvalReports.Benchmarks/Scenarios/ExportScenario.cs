using System.Diagnostics;
using EvalReports.Auth;
using EvalReports.Contracts;
using EvalReports.Exports;
using Microsoft.DurableTask.Client;

namespace EvalReports.Benchmarks.Scenarios;

/// <summary>
/// Exports: one single-run report per size (responses ×1, ×4, ×10), each exported in every format into a byte-counting
/// sink. What it shows is whether memory grows with the number of responses: the peak managed heap above the heap
/// just before the export, per format and size (the ratio between sizes is the figure to read; absolute times are
/// noisy on a shared machine). Run with `bash scripts/bench.sh export [--smoke]`.
/// </summary>
public static class ExportScenario
{
    public sealed record Point(string Format, int Responses, long Bytes, double WallMs, long PeakManagedAboveBaseline, long PeakLiveAboveBaseline);

    public static async Task<int> RunAsync(bool smoke)
    {
        int[] sizes = smoke ? [50, 200] : [2_000, 8_000, 20_000];
        var prefix = "benchx" + Guid.NewGuid().ToString("N")[..8];
        var points = new List<Point>();
        try
        {
            await using var app = await BenchApp.StartAsync(prefix);
            var exports = app.Get<ReportExports>();
            var caller = new Caller(BenchApp.Workspace, "bench");
            foreach (var (size, index) in sizes.Select((s, i) => (s, i)))
            {
                var uuid = SyntheticRuns.RunUuid(90_000 + index);
                await app.ImportAsync(HttpCalls.Utf8(Json.Serialize(SyntheticRuns.Create(uuid, size, seed: index))));
                var reportUuid = await app.CreateReportAsync(BenchApp.ReportRequest([uuid]));
                await app.Client.WaitForInstanceCompletionAsync(reportUuid);
                foreach (var format in Enum.GetValues<ExportFormat>())
                {
                    points.Add(await ExportOnceAsync(exports, app.Client, caller, reportUuid, format, size));
                }
            }
        }
        finally
        {
            await BenchApp.DeleteTablesAsync(prefix);
        }

        Console.WriteLine("## Export: memory against the number of responses");
        Console.WriteLine();
        Console.WriteLine("| Format | Responses | Output | Wall | Peak heap above start (with garbage) | Peak live heap above start |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var p in points)
        {
            Console.WriteLine($"| {p.Format} | {p.Responses:N0} | {p.Bytes / 1024.0 / 1024:0.00} MB | {p.WallMs:0} ms | " +
                              $"{p.PeakManagedAboveBaseline / 1024.0 / 1024:0.0} MB | {p.PeakLiveAboveBaseline / 1024.0 / 1024:0.0} MB |");
        }

        Console.WriteLine();
        foreach (var group in points.GroupBy(p => p.Format))
        {
            var small = group.First();
            var large = group.Last();
            Console.WriteLine($"- {group.Key}: ×{(double)large.Responses / small.Responses:0} responses → output ×{(double)large.Bytes / Math.Max(1, small.Bytes):0.0}, " +
                              $"peak heap ×{(double)Math.Max(1, large.PeakManagedAboveBaseline) / Math.Max(1, small.PeakManagedAboveBaseline):0.0}, " +
                              $"peak live heap ×{(double)Math.Max(1, large.PeakLiveAboveBaseline) / Math.Max(1, small.PeakLiveAboveBaseline):0.0}");
        }

        return 0;
    }

    private static async Task<Point> ExportOnceAsync(
        ReportExports exports, DurableTaskClient durable, Caller caller, string reportUuid, ExportFormat format, int size)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetTotalMemory(true);
        var sink = new CountingStream();
        var watch = Stopwatch.StartNew();
        long peak;
        double wall;
        await using (var memory = new PeakMemory())
        {
            var document = await exports.OpenAsync(caller, reportUuid, format, durable, CancellationToken.None);
            await document.WriteAsync(sink, CancellationToken.None);
            wall = watch.Elapsed.TotalMilliseconds;
            peak = memory.PeakManagedBytes;
        }

        // Again, sampling the live heap (a full collection every 20 ms): what the export holds, not what it has not yet freed.
        GC.Collect();
        var liveBaseline = GC.GetTotalMemory(true);
        long live = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                live = Math.Max(live, GC.GetTotalMemory(forceFullCollection: true));
                await Task.Delay(20);
            }
        });
        var again = await exports.OpenAsync(caller, reportUuid, format, durable, CancellationToken.None);
        await again.WriteAsync(new CountingStream(), CancellationToken.None);
        stop.Cancel();
        await sampler;

        return new Point(format.ToString().ToLowerInvariant(), size, sink.Length, wall, Math.Max(0, peak - baseline), Math.Max(0, live - liveBaseline));
    }

    /// <summary>A response body that keeps nothing: it only counts what was written.</summary>
    private sealed class CountingStream : Stream
    {
        private long length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => length;
        public override long Position { get => length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => length += count;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
