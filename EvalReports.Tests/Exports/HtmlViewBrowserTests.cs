using Microsoft.Playwright;

namespace EvalReports.Tests.Exports;

/// <summary>
/// The HTML view in a real browser (Debian's Chromium driven by Playwright): opened through a share link, with the
/// CSP as served and again with the CSP bypassed, so that the escaping alone is shown to keep hostile text inert.
/// </summary>
[Collection(ReportScenarioCollection.Name)]
public sealed class HtmlViewBrowserTests(ReportScenario scenario)
{
    private const string Chromium = "/usr/bin/chromium";

    [SkippableFact]
    public async Task The_suite_renders_with_its_charts_and_sections_and_hostile_text_stays_text()
    {
        RequireChromium();
        var share = await scenario.Service.SendAsync("POST", $"/v2/eval-reports/{scenario.ReportUuid}/share");
        var url = share.Json!["url"]!.GetValue<string>();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        foreach (var bypassCsp in new[] { false, true })
        {
            await using var context = await browser.NewContextAsync(new() { BypassCSP = bypassCsp, ViewportSize = new() { Width = 1100, Height = 1800 } });
            var page = await context.NewPageAsync();
            var requests = new List<string>();
            var dialogs = new List<string>();
            page.Request += (_, r) => requests.Add(r.Url);
            page.Dialog += (_, d) => { dialogs.Add(d.Message); _ = d.DismissAsync(); };

            var response = await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Load });

            Assert.Equal(200, response!.Status);
            Assert.Equal([url], requests); // the page asks for nothing else: no font, image, style or script
            Assert.Empty(dialogs);
            Assert.Null(await page.EvaluateAsync<string?>("() => window.__pwned ?? null"));
            Assert.Equal(0, await page.Locator("script").CountAsync());
            Assert.Equal(0, await page.Locator("img").CountAsync());
            Assert.Equal("block", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).display"));
            Assert.Equal("solid", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('h2')).borderBottomStyle"));

            // Sections in the order: pass rates, categories, baseline delta, texts, then each run.
            var order = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('main > section')].map(s => s.id)");
            Assert.Equal(["overview", "categories", "baseline", "overall", "run-0", "run-1", "run-2", "run-3"], order);
            Assert.Equal(scenario.Runs.Count + 1, await page.Locator("#chart-pass-rates rect.bar").CountAsync());
            Assert.Equal(scenario.Runs.Count + 1, await page.Locator("#chart-pass-rates g.ci").CountAsync());
            Assert.Equal(4, await page.Locator("#categories svg.chart").First.Locator("rect.bar").CountAsync()); // easy, obscure, complex, unanswerable
            Assert.Equal(3, await page.Locator("#chart-baseline rect.delta").CountAsync()); // safety, accuracy, suite
            Assert.True(await page.Locator("#chart-pass-rates").BoundingBoxAsync() is { Width: > 300, Height: > 100 });
            Assert.Equal(scenario.Runs.Count, await page.Locator("nav.contents a[href^='#run-']").CountAsync());
            Assert.Equal(0, await page.Locator("a[href^='http'], a[href^='javascript'], [src]").CountAsync());

            var hostile = page.Locator("#run-3 .example .explanation");
            var shown = await hostile.AllInnerTextsAsync();
            Assert.Contains(ReportScenario.ScriptPayload, shown);
            Assert.Contains(ReportScenario.ImgPayload, shown);
            Assert.Contains(ReportScenario.StylePayload, shown);
            Assert.Contains(ReportScenario.ScriptPayload, await page.Locator("#run-3 h2").InnerTextAsync());

            if (!bypassCsp)
            {
                var folder = Directory.Exists("/work/coord") ? "/work/coord" : Path.GetTempPath();
                await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "html-view.png") });
                await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "html-view-full.png"), FullPage = true });
                await page.Locator("#run-3").ScreenshotAsync(new() { Path = Path.Combine(folder, "html-view-hostile-run.png") });
                Assert.True(new FileInfo(Path.Combine(folder, "html-view.png")).Length > 10_000);

                await page.EmulateMediaAsync(new() { Media = Media.Print });
                Assert.True(await page.Locator("#chart-pass-rates").IsVisibleAsync());
                var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true });
                Assert.True(pdf.Length > 10_000);
            }
        }
    }

    private static void RequireChromium()
    {
        if (File.Exists(Chromium))
        {
            return;
        }

        Assert.False(Environment.GetEnvironmentVariable("CI") == "true", $"{Chromium} is missing; .ci/run installs it (apt-get install -y chromium).");
        Skip.If(true, $"{Chromium} is not installed (apt-get install -y chromium); the browser test needs it.");
    }
}
