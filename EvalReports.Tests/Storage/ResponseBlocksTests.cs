using Azure.Data.Tables;
using EvalReports.Contracts;
using EvalReports.Storage;
using StoreJson = EvalReports.Contracts.Json;
using EvalReports.Tests.Support;

namespace EvalReports.Tests.Storage;

/// <summary>
/// Responses are stored in blocks of <see cref="ItemBlocks.ItemsPerBlock"/>: any page, wherever it starts and ends,
/// must hold exactly the responses of that range in import order; runs stored one response per row still read.
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

    [Fact]
    public async Task A_run_stored_one_response_per_row_reads_back_and_reports()
    {
        using var app = new TestApp(azurite.Settings());
        var id = "legacy-" + Guid.NewGuid().ToString("N");
        var storage = azurite.Storage;
        var items = await storage.GetTableAsync(TableStorage.EvalRunItems);
        var partition = $"{TestKeys.DevWorkspace}|{id}|legacy";
        var rows = Enumerable.Range(0, 30).SelectMany(i => new[]
        {
            ItemRows.ToRows(partition, 'p', i, StoreJson.Serialize(new EvalPrompt { PromptUuid = $"p{i}", Content = $"prompt {i}" })),
            ItemRows.ToRows(partition, 'r', i, StoreJson.Serialize(new ScoredResponse { PromptUuid = $"p{i}", ResponseUuid = $"{id}.r{i}", Content = $"answer {i}", IsPassed = i % 2 == 0 })),
        }).SelectMany(r => r).Select(r => new TableTransactionAction(TableTransactionActionType.Add, r));
        await TableBatches.SubmitAsync(items, rows, CancellationToken.None);
        var runs = await storage.GetTableAsync(TableStorage.EvalRuns);
        await runs.AddEntityAsync(new TableEntity(TestKeys.DevWorkspace, id)
        {
            ["EvalUuid"] = "eval-legacy",
            ["Status"] = "finished",
            ["CreatedAt"] = DateTimeOffset.UtcNow,
            ["UpdatedAt"] = DateTimeOffset.UtcNow,
            ["PassRate"] = 0.5,
            ["NumPrompts"] = 30,
            ["NumResponsesScored"] = 30,
            ["ItemsPartition"] = partition,
            ["PromptCount"] = 30,
            ["ResponseCount"] = 30,
        });

        Assert.Equal(Enumerable.Range(7, 20).Select(i => $"{id}.r{i}"), await ListResponsesAsync(app, id, 7, 20));
        var stored = await app.Get<EvalRunStore>().GetAsync(TestKeys.DevWorkspace, id);
        var (prompts, responses) = await app.Get<EvalRunStore>().ReadItemsAsync(stored!);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"prompt {i}"), prompts.Select(p => p.Content));
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"{id}.r{i}"), responses.Select(r => r.ResponseUuid));
    }

    private static async Task<List<string>> ListResponsesAsync(TestApp app, string id, int offset, int limit)
    {
        var request = HttpCall.Request("GET", $"/v2/eval-runs/{id}/responses", query: $"limit={limit}&offset={offset}");
        var response = HttpCall.Read(request, await app.Runs.ListResponses(request, id));
        Assert.Equal(200, response.Status);
        return response.Body!["items"]!.AsArray().Select(i => i!["response_uuid"]!.GetValue<string>()).ToList();
    }
}
