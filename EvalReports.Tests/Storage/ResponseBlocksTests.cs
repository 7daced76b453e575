using EvalReports.Storage;
using EvalReports.Tests.Support;

namespace EvalReports.Tests.Storage;

/// <summary>
/// Responses are stored in blocks of <see cref="ItemBlocks.ItemsPerBlock"/>: any page, wherever it starts and ends,
/// must hold exactly the responses of that range in import order.
/// </summary>
public sealed class ResponseBlocksTests(Azurite azurite) : IClassFixture<Azurite>
{
    [Theory]
    [InlineData(0, 100)]
    [InlineData(95, 10)]
    [InlineData(199, 2)]
    [InlineData(100, 100)]
    [InlineData(240, 100)]
    [InlineData(249, 1)]
    [InlineData(250, 5)]
    public async Task A_page_across_block_boundaries_holds_exactly_that_range_in_order(int offset, int limit)
    {
        using var app = new TestApp(azurite.Settings());
        var id = "blocks-" + Guid.NewGuid().ToString("N");
        Assert.Equal(201, (await app.ImportAsync(SampleRuns.Safety(id, 250, 100).ToJsonString())).Status);

        var page = await ListResponsesAsync(app, id, offset, limit);

        var expected = Enumerable.Range(offset, Math.Max(0, Math.Min(limit, 250 - offset))).Select(i => $"{id}.r{i}");
        Assert.Equal(expected, page);
    }

    private static async Task<List<string>> ListResponsesAsync(TestApp app, string id, int offset, int limit)
    {
        var request = HttpCall.Request("GET", $"/v2/eval-runs/{id}/responses", query: $"limit={limit}&offset={offset}");
        var response = HttpCall.Read(request, await app.Runs.ListResponses(request, id));
        Assert.Equal(200, response.Status);
        return response.Body!["items"]!.AsArray().Select(i => i!["response_uuid"]!.GetValue<string>()).ToList();
    }
}
