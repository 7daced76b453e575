using EvalReports.Tests.Http;
using EvalReports.Tests.Quotas;
using EvalReports.Tests.Support;

namespace EvalReports.Tests.Sdk;

/// <summary>
/// The Python SDK sends <c>X-Use-Sandbox: True|False</c> (Python's <c>str(bool)</c>) on every request when the client
/// is made with <c>use_sandbox=</c>: it means <c>is_sandbox</c>, in any case; the query parameter wins; a value that is
/// not a boolean is 422 naming the header. A sandbox report takes no quota unit, which is how the test sees it.
/// </summary>
public sealed class SandboxHeaderTests(Azurite azurite) : IClassFixture<Azurite>
{
    [Theory]
    [InlineData("True", null, true)]
    [InlineData("False", null, false)]
    [InlineData("true", null, true)]
    [InlineData("FALSE", null, false)]
    [InlineData(" True ", null, true)]
    [InlineData("True", "false", false)]
    [InlineData("False", "true", true)]
    [InlineData(null, "true", true)]
    [InlineData(null, null, false)]
    public async Task X_Use_Sandbox_is_is_sandbox_and_the_query_parameter_wins(string? header, string? query, bool sandbox)
    {
        var (app, workspace, run) = await NewWorkspaceAsync();
        using var _ = app;
        (await Quotas.QuotaTests.SetLimitAsync(app, workspace, "5")).AssertOk();

        var response = await PostAsync(app, run, header, query is null ? null : $"is_sandbox={query}");

        Assert.Equal(200, response.Status);
        Assert.Equal(sandbox, response.Body!["is_sandbox"]!.GetValue<bool>());
        Assert.Equal(sandbox ? 5 : 4, response.Body["remaining_reports"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("Truee")]
    [InlineData("2")]
    public async Task A_bad_X_Use_Sandbox_is_422_naming_the_header_and_creates_nothing(string header)
    {
        var (app, _, run) = await NewWorkspaceAsync();
        using var _ = app;
        var before = await azurite.SnapshotAsync();
        var durable = DurableClientMock.Accepting();

        var response = await PostAsync(app, run, header, null, durable);

        response.AssertError(422, "validation.invalid_request");
        Assert.Equal("X-Use-Sandbox", response.Body!["error"]!["details"]!["field"]!.GetValue<string>());
        Assert.Equal("false", response.Headers["x-should-retry"].ToString());
        Assert.Equal(before, await azurite.SnapshotAsync());
        durable.VerifyNoStart();
    }

    private async Task<(TestApp App, string Workspace, string Run)> NewWorkspaceAsync()
    {
        var workspace = "ws-sbx-" + Guid.NewGuid().ToString("N")[..10];
        var app = new TestApp(azurite.Settings(s => s with { DevWorkspaceUuid = workspace }));
        var run = "srun-" + Guid.NewGuid().ToString("N");
        Assert.Equal(201, (await app.ImportAsync(SampleRuns.Safety(run, 2, 1).ToJsonString())).Status);
        return (app, workspace, run);
    }

    private static async Task<Response> PostAsync(TestApp app, string run, string? header, string? query, Moq.Mock<Microsoft.DurableTask.Client.DurableTaskClient>? durable = null)
    {
        var request = HttpCall.Request("POST", "/v2/eval-reports", $$"""{"eval_run_uuids": ["{{run}}"]}""", query: query).With("X-Use-Sandbox", header);
        return HttpCall.Read(request, await app.Reports.Create(request, (durable ?? DurableClientMock.Accepting()).Object));
    }
}
