using EvalReports.Contracts;
using EvalReports.Exports;

namespace EvalReports.Tests.Exports;

public sealed class PromptLookupTests
{
    private static async IAsyncEnumerable<EvalPrompt> Prompts(IEnumerable<int> order)
    {
        foreach (var i in order)
        {
            await Task.Yield();
            yield return new EvalPrompt { PromptUuid = $"p{i}", Content = $"prompt {i}" };
        }
    }

    [Fact]
    public async Task Prompts_in_response_order_are_found_in_the_window()
    {
        await using var lookup = new PromptLookup(() => Prompts(Enumerable.Range(0, 10_000)), window: 100);

        for (var i = 0; i < 10_000; i++)
        {
            Assert.Equal($"prompt {i}", (await lookup.FindAsync($"p{i}", CancellationToken.None))!.Content);
        }

        Assert.False(lookup.UsedFullMap);
    }

    [Fact]
    public async Task Prompts_in_another_order_are_still_found()
    {
        await using var lookup = new PromptLookup(() => Prompts(Enumerable.Range(0, 1_000).Reverse()), window: 100);

        for (var i = 0; i < 1_000; i++)
        {
            Assert.Equal($"prompt {i}", (await lookup.FindAsync($"p{i}", CancellationToken.None))!.Content);
        }

        Assert.Null(await lookup.FindAsync("missing", CancellationToken.None));
        Assert.True(lookup.UsedFullMap);
    }
}
