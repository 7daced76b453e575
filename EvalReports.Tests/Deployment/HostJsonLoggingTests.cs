using System.Text.Json.Nodes;

namespace EvalReports.Tests.Deployment;

/// <summary>
/// Under a real host, <c>default: Information</c> let Azure.Core log every storage request (57% of all log lines,
/// 19 MB in 3 minutes of light load). The host.json the build ships (what the host reads) keeps the Azure SDK and
/// other framework chatter at Warning and our own categories at Information.
/// </summary>
public sealed class HostJsonLoggingTests
{
    private static readonly string[] Chatter = ["Azure.Core", "Azure.Identity", "Azure.Storage", "System.Net.Http.HttpClient", "Microsoft.AspNetCore", "DurableTask.Core", "DurableTask.AzureStorage"];

    private static readonly string[] Ours = ["Function", "EvalReports", "Host.Results"];

    [Fact]
    public void Azure_SDK_chatter_is_at_Warning_and_our_categories_at_Information()
    {
        var levels = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")))!["logging"]!["logLevel"]!.AsObject();

        Assert.All(Chatter, category => Assert.Equal("Warning", Level(levels, category)));
        Assert.All(Ours, category => Assert.Equal("Information", Level(levels, category)));
        Assert.Equal("Information", levels["default"]!.GetValue<string>());
    }

    /// <summary>The level the host applies to a category: its longest configured prefix (as Microsoft.Extensions.Logging filters).</summary>
    private static string Level(JsonObject levels, string category)
    {
        var rule = levels.Select(kv => kv.Key)
            .Where(key => key != "default" && (category == key || category.StartsWith(key + ".", StringComparison.Ordinal)))
            .OrderByDescending(key => key.Length)
            .FirstOrDefault();
        return levels[rule ?? "default"]!.GetValue<string>();
    }
}
