using System.Text;
using System.Text.Json.Nodes;
using EvalReports.Api;
using EvalReports.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using BadHttpRequestException = Microsoft.AspNetCore.Http.BadHttpRequestException;

namespace EvalReports.Tests.Sdk;

/// <summary>
/// One body limit, enforced with the envelope's 413 however the body arrives: declared too long, streamed (chunked)
/// past the limit, or refused by Kestrel itself (BadHttpRequestException). Over real HTTP (Kestrel with the worker's
/// limit), the client reads the 413 after sending its whole body instead of a reset connection, which an SDK would
/// retry and the Functions host's proxy would turn into an empty 500.
/// </summary>
public sealed class BodyLimitTests(Azurite azurite) : IClassFixture<Azurite>
{
    private const long Limit = 1024 * 1024;

    [Fact]
    public void The_worker_s_Kestrel_limit_is_the_app_s_limit_and_the_limit_stays_within_the_host_s()
    {
        Assert.InRange(new EvalReportsLimits().MaxRequestBodyBytes, 1, WorkerLimits.HostMaxRequestBodyBytes);
        var kestrel = new KestrelServerOptions();
        WorkerLimits.Apply(kestrel, new EvalReportsLimits { MaxRequestBodyBytes = 20L * 1024 * 1024 });
        Assert.Equal(20L * 1024 * 1024, kestrel.Limits.MaxRequestBodySize);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_over_the_limit_is_413_in_the_envelope_and_the_client_reads_it(bool chunked)
    {
        await using var service = await LiveService.StartAsync(azurite.Settings(), limits: TestLimits.Default with { MaxRequestBodyBytes = Limit, MaxTextChars = 4_000_000 });
        var body = ImportOfSize("big-" + Guid.NewGuid().ToString("N"), (int)Limit * 3);
        var before = await azurite.SnapshotAsync();

        var response = chunked
            ? await RawHttp.SendChunkedAsync(service.Http.Port, "/v2/eval-runs", [("x-api-key", TestKeys.DevKey)], body)
            : await RawHttp.SendAsync(service.Http.Port, "POST", "/v2/eval-runs", [("x-api-key", TestKeys.DevKey)], body);

        Assert.Equal(413, response.Status);
        Assert.Equal("validation.invalid_request", response.Json!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(Limit, response.Json["error"]!["details"]!["max_bytes"]!.GetValue<long>());
        Assert.Equal(response.Headers["x-request-id"], response.Json["request_id"]!.GetValue<string>());
        Assert.Equal("false", response.Headers["x-should-retry"]);
        Assert.Equal(before, await azurite.SnapshotAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_just_under_the_limit_imports_streamed_or_declared(bool chunked)
    {
        await using var service = await LiveService.StartAsync(azurite.Settings(), limits: TestLimits.Default with { MaxRequestBodyBytes = Limit, MaxTextChars = 4_000_000 });
        var run = "fits-" + Guid.NewGuid().ToString("N");
        var body = ImportOfSize(run, (int)Limit - 10);

        var response = chunked
            ? await RawHttp.SendChunkedAsync(service.Http.Port, "/v2/eval-runs", [("x-api-key", TestKeys.DevKey)], body)
            : await RawHttp.SendAsync(service.Http.Port, "POST", "/v2/eval-runs", [("x-api-key", TestKeys.DevKey)], body);

        Assert.True(response.Status == 201, $"{response.Status} {response.Body}");
        var back = await service.SendAsync("GET", $"/v2/eval-runs/{run}/responses?limit=1");
        Assert.Equal(JsonNode.Parse(body)!["responses"]![0]!["content"]!.GetValue<string>(), back.Json!["items"]![0]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Kestrel_refusing_the_body_is_413_in_the_envelope_not_a_500()
    {
        using var app = new TestApp(azurite.Settings(), limits: TestLimits.Default with { MaxRequestBodyBytes = Limit, MaxTextChars = 4_000_000 });
        var request = HttpCall.Request("POST", "/v2/eval-runs", "");
        request.ContentLength = null;
        request.Body = new RefusingStream(new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge));

        var response = HttpCall.Read(request, await app.Runs.Import(request)).AssertError(413, "validation.invalid_request");

        Assert.Equal(Limit, response.Body!["error"]!["details"]!["max_bytes"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_body_cut_short_is_400_in_the_envelope()
    {
        using var app = new TestApp(azurite.Settings());
        var request = HttpCall.Request("POST", "/v2/eval-runs", "");
        request.Body = new RefusingStream(new BadHttpRequestException("Unexpected end of request content.", StatusCodes.Status400BadRequest));

        HttpCall.Read(request, await app.Runs.Import(request)).AssertError(400, "validation.invalid_format");
    }

    [Theory]
    [InlineData(new byte[] { 0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC0, 0xAE, 0x22, 0x7D })] // {"a":"<overlong>"}
    [InlineData(new byte[] { 0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xE2, 0x82 })]             // cut inside a sequence
    public async Task A_body_that_is_not_UTF8_is_400_even_when_streamed(byte[] body)
    {
        using var app = new TestApp(azurite.Settings());
        var request = HttpCall.Request("POST", "/v2/eval-runs", "");
        request.Body = new MemoryStream(body);
        request.ContentLength = null;

        HttpCall.Read(request, await app.Runs.Import(request)).AssertError(400, "validation.invalid_format");
    }

    [Fact]
    public async Task Large_imports_beyond_the_gate_s_slots_are_told_to_come_back_while_small_ones_go_through()
    {
        using var app = new TestApp(azurite.Settings(), limits: TestLimits.Default with { MaxTextChars = 4_000_000 });
        var gate = new ImportGate(TimeSpan.FromMilliseconds(200));
        var runs = new Functions.EvalRunsHttp(app.Get<HttpApi>(), app.Get<EvalReports.Runs.EvalRunService>(), app.Get<EvalReports.Idempotency.IdempotentRequests>(), gate);
        var held = new List<IAsyncDisposable>();
        for (var i = 0; i < ImportGate.LargeImportsAtOnce; i++)
        {
            held.Add(await gate.EnterAsync(ImportGate.SmallBodyBytes + 1, CancellationToken.None));
        }

        var large = HttpCall.Request("POST", "/v2/eval-runs", Encoding.UTF8.GetString(ImportOfSize("gate-l-" + Guid.NewGuid().ToString("N"), (int)ImportGate.SmallBodyBytes + 100)));
        var refused = HttpCall.Read(large, await runs.Import(large)).AssertError(503, "server.internal_error");
        var small = HttpCall.Request("POST", "/v2/eval-runs", SampleRuns.Safety("gate-s-" + Guid.NewGuid().ToString("N"), 2, 1).ToJsonString());
        var accepted = HttpCall.Read(small, await runs.Import(small));
        await held[0].DisposeAsync();
        var again = HttpCall.Request("POST", "/v2/eval-runs", Encoding.UTF8.GetString(ImportOfSize("gate-l2-" + Guid.NewGuid().ToString("N"), (int)ImportGate.SmallBodyBytes + 100)));
        var later = HttpCall.Read(again, await runs.Import(again));

        Assert.InRange(int.Parse(refused.Headers["Retry-After"].ToString(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(201, accepted.Status);
        Assert.Equal(201, later.Status);
        Assert.Equal(1, gate.FreeSlots);
    }

    /// <summary>A valid import of exactly <paramref name="bytes"/> bytes (one long response pads it).</summary>
    private static byte[] ImportOfSize(string runUuid, int bytes)
    {
        var run = SampleRuns.Safety(runUuid, 2, 1);
        run["responses"]![0]!["content"] = "";
        var padding = bytes - Encoding.UTF8.GetByteCount(run.ToJsonString());
        run["responses"]![0]!["content"] = new string('x', padding);
        var body = Encoding.UTF8.GetBytes(run.ToJsonString());
        Assert.Equal(bytes, body.Length);
        return body;
    }

    private sealed class RefusingStream(Exception refusal) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw refusal;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw refusal;

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
