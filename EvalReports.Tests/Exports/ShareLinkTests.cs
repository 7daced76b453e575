using System.Text;
using System.Text.Json.Nodes;
using EvalReports.Sharing;
using EvalReports.Storage;
using EvalReports.Tests.Support;

namespace EvalReports.Tests.Exports;

/// <summary>Share links: open without a key; forged, expired, other-report, revoked and deleted ones are 404.</summary>
[Collection(ReportScenarioCollection.Name)]
public sealed class ShareLinkTests(ReportScenario scenario)
{
    private async Task<JsonNode> ShareAsync(string report, int? hours = null)
    {
        var body = hours is null ? null : new JsonObject { ["expires_in_hours"] = hours }.ToJsonString();
        var response = await scenario.Service.SendAsync("POST", $"/v2/eval-reports/{report}/share", TestKeys.DevKey, body);
        Assert.True(response.Status == 201, response.Body);
        return response.Json!;
    }

    private Task<RawResponse> OpenAsync(string url) => scenario.Service.SendAsync("GET", new Uri(url).PathAndQuery, apiKey: null);

    [Fact]
    public async Task A_link_opens_the_html_view_without_a_key()
    {
        var link = await ShareAsync(scenario.ReportUuid, hours: 24);

        var page = await OpenAsync(link["url"]!.GetValue<string>());

        Assert.Equal(200, page.Status);
        Assert.StartsWith("text/html", page.Headers["content-type"]);
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; img-src data:", page.Headers["content-security-policy"]);
        Assert.Equal("no-referrer", page.Headers["referrer-policy"]);
        Assert.Contains("Pass rate per run", page.Body);
        var expires = link["expires_at"]!.GetValue<DateTimeOffset>();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24.1));
        Assert.DoesNotContain(TestKeys.DevKey, link.ToJsonString());
    }

    [Fact]
    public async Task Forged_tampered_and_other_report_tokens_are_404()
    {
        var url = (await ShareAsync(scenario.ReportUuid))["url"]!.GetValue<string>();
        var token = url[(url.LastIndexOf('/') + 1)..];
        var (payload, mac) = (token.Split('.')[0], token.Split('.')[1]);

        // The same claims pointed at another report, under the original signature.
        var claims = JsonNode.Parse(Encoding.UTF8.GetString(Base64Url(payload)))!.AsArray();
        claims[2] = scenario.BaselineReportUuid;
        var otherReport = ToBase64Url(Encoding.UTF8.GetBytes(claims.ToJsonString())) + "." + mac;
        // A token signed with a key of our own choosing.
        var forged = ShareTokens.Sign(new byte[32], new ShareTokens.Claims(TestKeys.DevWorkspace, scenario.ReportUuid, "x", DateTimeOffset.UtcNow.AddDays(1)));
        var flipped = payload + "." + (mac[0] == 'A' ? 'B' : 'A') + mac[1..];

        foreach (var bad in new[] { otherReport, forged, flipped, "not-a-token", payload, "a.b.c", new string('A', 5000) })
        {
            var response = await scenario.Service.SendAsync("GET", $"/{ShareLinks.Route}/{bad}", apiKey: null);
            Assert.True(response.Status == 404, $"{bad[..Math.Min(bad.Length, 40)]}: {response.Status}");
            Assert.Equal("resource.not_found", response.Json!["error"]!["code"]!.GetValue<string>());
            Assert.Equal(response.Headers["x-request-id"], response.Json["request_id"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task An_expired_link_is_404()
    {
        var key = await scenario.Service.App.Get<ShareKeyStore>().SigningKeyAsync(CancellationToken.None);
        var shareId = await scenario.Service.App.Get<ShareKeyStore>().ShareIdAsync(TestKeys.DevWorkspace, scenario.ReportUuid, CancellationToken.None);
        var expired = ShareTokens.Sign(key, new ShareTokens.Claims(TestKeys.DevWorkspace, scenario.ReportUuid, shareId, DateTimeOffset.UtcNow.AddSeconds(-1)));
        var valid = ShareTokens.Sign(key, new ShareTokens.Claims(TestKeys.DevWorkspace, scenario.ReportUuid, shareId, DateTimeOffset.UtcNow.AddMinutes(5)));

        Assert.Equal(404, (await scenario.Service.SendAsync("GET", $"/{ShareLinks.Route}/{expired}", apiKey: null)).Status);
        Assert.Equal(200, (await scenario.Service.SendAsync("GET", $"/{ShareLinks.Route}/{valid}", apiKey: null)).Status);
    }

    [Fact]
    public async Task Delete_share_revokes_every_link_and_a_new_share_works_again()
    {
        var report = await CopyOfReportAsync();
        var first = (await ShareAsync(report))["url"]!.GetValue<string>();
        var second = (await ShareAsync(report))["url"]!.GetValue<string>();
        Assert.Equal(200, (await OpenAsync(first)).Status);

        Assert.Equal(204, (await scenario.Service.SendAsync("DELETE", $"/v2/eval-reports/{report}/share")).Status);

        Assert.Equal(404, (await OpenAsync(first)).Status);
        Assert.Equal(404, (await OpenAsync(second)).Status);
        var third = (await ShareAsync(report))["url"]!.GetValue<string>();
        Assert.Equal(200, (await OpenAsync(third)).Status);
        Assert.Equal(404, (await OpenAsync(first)).Status);
    }

    [Fact]
    public async Task Deleting_the_report_revokes_its_links()
    {
        var report = await CopyOfReportAsync();
        var url = (await ShareAsync(report))["url"]!.GetValue<string>();

        Assert.Equal(204, (await scenario.Service.SendAsync("DELETE", $"/v2/eval-reports/{report}")).Status);

        Assert.Equal(404, (await OpenAsync(url)).Status);
    }

    [Theory]
    [InlineData("{\"expires_in_hours\": 0}", 422)]
    [InlineData("{\"expires_in_hours\": 721}", 422)]
    [InlineData("{\"expires_in_hours\": \"24\"}", 422)]
    [InlineData("not json", 400)]
    public async Task Bad_share_requests_are_refused_in_the_envelope(string body, int status)
    {
        var response = await scenario.Service.SendAsync("POST", $"/v2/eval-reports/{scenario.ReportUuid}/share", TestKeys.DevKey, body);

        Assert.Equal(status, response.Status);
        Assert.NotNull(response.Json!["error"]!["code"]);
    }

    [Fact]
    public async Task Share_refuses_like_get_does()
    {
        Assert.Equal(401, (await scenario.Service.SendAsync("POST", $"/v2/eval-reports/{scenario.ReportUuid}/share", apiKey: null)).Status);
        var (_, otherKey) = await scenario.Service.IssueKeyAsync("ws-" + Guid.NewGuid().ToString("N"));
        Assert.Equal(404, (await scenario.Service.SendAsync("POST", $"/v2/eval-reports/{scenario.ReportUuid}/share", otherKey)).Status);
        Assert.Equal(404, (await scenario.Service.SendAsync("DELETE", $"/v2/eval-reports/{scenario.ReportUuid}/share", otherKey)).Status);
        var processing = await ScenarioReports.ProcessingAsync(scenario.Service);
        Assert.Equal(409, (await scenario.Service.SendAsync("POST", $"/v2/eval-reports/{processing}/share")).Status);
        Assert.Equal(404, (await scenario.Service.SendAsync("POST", $"/v2/eval-reports/{Guid.NewGuid()}/share")).Status);
    }

    [Fact]
    public async Task The_signing_key_is_random_stored_and_not_the_api_key()
    {
        var store = scenario.Service.App.Get<ShareKeyStore>();
        var key = await store.SigningKeyAsync(CancellationToken.None);

        Assert.Equal(32, key.Length);
        Assert.NotEqual(Encoding.UTF8.GetBytes(TestKeys.DevKey), key);
        // A second store over the same tables (another instance) signs with the same key.
        var other = new ShareKeyStore(scenario.Service.App.Get<EvalReports.Storage.TableStorage>());
        Assert.Equal(key, await other.SigningKeyAsync(CancellationToken.None));
    }

    private async Task<string> CopyOfReportAsync()
    {
        var id = await scenario.Service.CreateReportAsync([scenario.JailbreakRunUuid]);
        await scenario.Service.WaitForReportAsync(id, TimeSpan.FromSeconds(60));
        return id;
    }

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }

    private static string ToBase64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
