using EvalReports.Storage;
using EvalReports.Tests.EndToEnd;
using EvalReports.Tests.Support;

namespace EvalReports.Tests.Storage;

/// <summary>
/// The per-workspace finished-run index that lets POST /v2/eval-reports check a suite in one query: exact under
/// concurrent imports and deletes (races forced with gates on the index's conditional writes, real Azurite).
/// </summary>
public sealed class FinishedRunIndexTests(Azurite azurite) : IClassFixture<Azurite>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Concurrent_imports_into_one_workspace_are_all_listed_and_a_suite_of_them_is_accepted()
    {
        using var app = NewApp(out var workspace);
        var runs = Enumerable.Range(0, 24).Select(i => $"ci{i}-{Guid.NewGuid():N}").ToList();

        var statuses = await Task.WhenAll(runs.Select(async r => (await app.ImportAsync(SampleRuns.Safety(r, 2, 1).ToJsonString())).Status));

        Assert.All(statuses, s => Assert.Equal(201, s));
        Assert.Equal(runs.ToHashSet(), await app.Get<FinishedRunIndex>().ReadAsync(workspace));
        await using var durable = await InProcessDurable.StartAsync(app);
        Assert.Equal(200, (await new ReportClient(app, durable.Client).CreateAsync([.. runs])).Status);
    }

    [Fact]
    public async Task Two_changes_that_read_the_same_shard_version_both_land_one_after_retrying()
    {
        using var app = NewApp(out var workspace);
        var index = app.Get<FinishedRunIndex>();
        var (kept, deleted, added) = (SameShardId("keep", 0), SameShardId("gone", 0), SameShardId("new", 0));
        await app.ImportAsync(SampleRuns.Safety(kept, 2, 1).ToJsonString());
        await app.ImportAsync(SampleRuns.Safety(deleted, 2, 1).ToJsonString());

        // The import of `added` and the delete of `deleted` both read the shard, then wait for each other at the
        // gate, so both write against the same ETag: one write fails with 412 and must be re-applied.
        var bothRead = new Barrier(2);
        var gated = 0;
        index.BeforeWrite = change => Interlocked.Increment(ref gated) <= 2
            ? Task.Run(() => Assert.True(bothRead.SignalAndWait(Patience)))
            : Task.CompletedTask;
        var import = app.ImportAsync(SampleRuns.Safety(added, 2, 1).ToJsonString());
        var delete = CallAsync(app, "DELETE", deleted);
        Assert.Equal(201, (await import).Status);
        Assert.Equal(204, (await delete).Status);
        index.BeforeWrite = null;

        Assert.True(gated > 2, "one of the two writes had to be retried");
        Assert.Equal(new HashSet<string> { kept, added }, await index.ReadAsync(workspace));
    }

    [Fact]
    public async Task A_run_deleted_while_its_import_was_listing_it_stays_unlisted_and_a_suite_naming_it_is_404()
    {
        using var app = NewApp(out var workspace);
        var index = app.Get<FinishedRunIndex>();
        var run = "raced-" + Guid.NewGuid().ToString("N");
        var atListing = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        index.BeforeWrite = async change =>
        {
            if (change.Add && change.RunUuid == run)
            {
                atListing.TrySetResult();
                await release.Task;
            }
        };

        // The header is written and the import is about to list the run when the whole delete runs.
        var import = app.ImportAsync(SampleRuns.Safety(run, 2, 1).ToJsonString());
        await atListing.Task.WaitAsync(Patience);
        Assert.Equal(204, (await CallAsync(app, "DELETE", run)).Status);
        release.SetResult();
        Assert.Equal(201, (await import).Status);
        index.BeforeWrite = null;

        Assert.DoesNotContain(run, await index.ReadAsync(workspace));
        await using var durable = await InProcessDurable.StartAsync(app);
        var post = await new ReportClient(app, durable.Client).CreateAsync(run);
        post.AssertError(404, "resource.not_found");
        Assert.Equal([run], post.Body!["error"]!["details"]!["missing_eval_run_uuids"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task A_run_whose_import_has_not_listed_it_yet_is_accepted_and_reported()
    {
        using var app = NewApp(out _);
        var index = app.Get<FinishedRunIndex>();
        var run = "unlisted-" + Guid.NewGuid().ToString("N");
        var atListing = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        index.BeforeWrite = async change =>
        {
            if (change.Add && change.RunUuid == run)
            {
                atListing.TrySetResult();
                await release.Task;
            }
        };
        var import = app.ImportAsync(SampleRuns.Safety(run, 4, 3).ToJsonString());
        await atListing.Task.WaitAsync(Patience);

        await using var durable = await InProcessDurable.StartAsync(app);
        var client = new ReportClient(app, durable.Client);
        var post = await client.CreateAsync(run);
        release.SetResult();
        await import;
        index.BeforeWrite = null;

        Assert.Equal(200, post.Status);
        var report = await client.WaitAsync(post.Body!["eval_suite_report_uuid"]!.GetValue<string>());
        Assert.Equal("finished", report["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_run_being_deleted_is_accepted_until_the_delete_returns_and_404_from_then_on()
    {
        using var app = NewApp(out var workspace);
        var index = app.Get<FinishedRunIndex>();
        var (run, other) = ("del-" + Guid.NewGuid().ToString("N"), "other-" + Guid.NewGuid().ToString("N"));
        await app.ImportAsync(SampleRuns.Safety(run, 2, 1).ToJsonString());
        await app.ImportAsync(SampleRuns.Safety(other, 2, 1).ToJsonString());
        var atUnlisting = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        index.BeforeWrite = async change =>
        {
            if (!change.Add && change.RunUuid == run)
            {
                atUnlisting.TrySetResult();
                await release.Task;
            }
        };
        await using var durable = await InProcessDurable.StartAsync(app);
        var client = new ReportClient(app, durable.Client);

        var delete = CallAsync(app, "DELETE", run);
        await atUnlisting.Task.WaitAsync(Patience);
        Assert.Equal(200, (await client.CreateAsync(run, other)).Status); // not deleted yet: still there
        release.SetResult();
        Assert.Equal(204, (await delete).Status);
        index.BeforeWrite = null;

        var post = await client.CreateAsync(other, run);
        post.AssertError(404, "resource.not_found");
        Assert.Equal([run], post.Body!["error"]!["details"]!["missing_eval_run_uuids"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(new HashSet<string> { other }, await index.ReadAsync(workspace));
    }

    [Fact]
    public async Task A_run_the_index_lags_on_is_still_found_and_an_unknown_one_is_404()
    {
        using var app = NewApp(out var workspace);
        var run = "lag-" + Guid.NewGuid().ToString("N");
        await app.ImportAsync(SampleRuns.Safety(run, 2, 1).ToJsonString());
        await app.Get<FinishedRunIndex>().RemoveAsync(workspace, run); // as after a crash between header and listing

        var statuses = await app.Get<EvalRunStore>().GetStatusesAsync(workspace, [run, "never-imported"]);

        Assert.Equal(new string?[] { "finished", null }, statuses);
    }

    private TestApp NewApp(out string workspace)
    {
        var ws = "ws-idx-" + Guid.NewGuid().ToString("N");
        workspace = ws;
        return new TestApp(azurite.Settings(s => s with { DevWorkspaceUuid = ws }));
    }

    /// <summary>A fresh run id that lands in the given shard, so that two changes contend for one row.</summary>
    private static string SameShardId(string stem, int shard)
    {
        while (true)
        {
            var id = $"{stem}-{Guid.NewGuid():N}";
            if (FinishedRunIndex.ShardOf(id) == shard)
            {
                return id;
            }
        }
    }

    private static async Task<Response> CallAsync(TestApp app, string method, string run)
    {
        var request = HttpCall.Request(method, $"/v2/eval-runs/{run}");
        return HttpCall.Read(request, await app.Runs.Delete(request, run));
    }
}
