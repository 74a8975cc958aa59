using Microsoft.Playwright;

namespace Goodhart.Web.Tests.EndToEnd;

/// <summary>
/// Drives the workbench's pages in headless Chromium: the game trains and its curves diverge, a reward edit changes
/// the learned behaviour, keyboard play is scored, a rating session gives a reward model and its curve, the run
/// browser lists a stored run. Saves a screenshot of each page to docs/images.
/// </summary>
public sealed class WorkbenchPagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static async Task<(double Given, double Performance, string Actions, bool Won)> TrainAsync(IPage page)
    {
        await page.Locator("#episodes").FillAsync("300");
        await page.Locator("#train-button").ClickAsync();
        await page.Locator("#verdict").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 60_000 });
        var verdict = page.Locator("#verdict");
        return (
            double.Parse((await verdict.GetAttributeAsync("data-given"))!, System.Globalization.CultureInfo.InvariantCulture),
            double.Parse((await verdict.GetAttributeAsync("data-performance"))!, System.Globalization.CultureInfo.InvariantCulture),
            (await verdict.GetAttributeAsync("data-actions"))!,
            await verdict.GetAttributeAsync("data-won") == "true");
    }

    [Fact]
    public async Task The_game_trains_and_return_and_hidden_performance_diverge_for_the_default_boat_race_reward()
    {
        var page = await fixture.OpenAsync("/game.html?pace=0");
        await page.Locator("#env-select option[value=boat_race]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        var (given, performance, _, won) = await TrainAsync(page);
        Assert.Equal(50, given, 6);
        Assert.True(given - performance > 25, $"return {given}, performance {performance}");
        Assert.False(won);
        var lines = page.Locator("#curve-chart polyline");
        Assert.Equal(2, await lines.CountAsync());
        var returnLast = double.Parse((await lines.Nth(0).GetAttributeAsync("data-last"))!, System.Globalization.CultureInfo.InvariantCulture);
        var performanceLast = double.Parse((await lines.Nth(1).GetAttributeAsync("data-last"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(returnLast - performanceLast > 25, $"curves end at {returnLast} and {performanceLast}");
        var returnFirst = double.Parse((await lines.Nth(0).GetAttributeAsync("data-first"))!, System.Globalization.CultureInfo.InvariantCulture);
        var performanceFirst = double.Parse((await lines.Nth(1).GetAttributeAsync("data-first"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(returnFirst - performanceFirst) < (returnLast - performanceLast) / 2, $"curves start at {returnFirst} and {performanceFirst}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ImagesDirectory, "web-game.png"), FullPage = true });
    }

    [Fact]
    public async Task Paying_for_arrow_exits_changes_the_learned_behaviour_and_wins_and_episodes_replay_step_by_step()
    {
        var page = await fixture.OpenAsync("/game.html?pace=0");
        await page.Locator("#spec-level").WaitForAsync();
        var hacked = await TrainAsync(page);
        await page.Locator("#spec-arrow-exits").CheckAsync();
        await page.Locator("#term-exit_reward").WaitForAsync();
        var fixedReward = await TrainAsync(page);
        Assert.NotEqual(hacked.Actions, fixedReward.Actions);
        Assert.True(fixedReward.Performance >= 50, $"performance {fixedReward.Performance}");
        Assert.True(fixedReward.Won);

        await page.Locator("#replay-load").ClickAsync();
        await page.Locator("#replay-next").ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('replay-info').textContent.startsWith('Step 1/100')");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ImagesDirectory, "web-game-fixed.png"), FullPage = true });
    }

    [Fact]
    public async Task Every_page_loads_without_a_console_error_under_its_own_csp()
    {
        foreach (var path in new[] { "/", "/game.html", "/rater.html", "/overseer.html", "/runs.html", "/misgeneralization.html", "/debate.html", "/sae.html" })
        {
            var page = await fixture.OpenAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.CloseAsync();
        }
        var csp = fixture.ConsoleErrors.Where(e => e.Contains("Content Security Policy", StringComparison.Ordinal)).ToList();
        Assert.True(csp.Count == 0, string.Join("\n", csp));
    }

    [Fact]
    public async Task A_blank_reward_field_is_refused_naming_it_instead_of_trained_as_zero()
    {
        var page = await fixture.OpenAsync("/game.html?pace=0");
        await page.Locator("#spec-level").WaitForAsync();
        await page.Locator("#spec-arrow-exits").CheckAsync();
        await page.Locator("#term-exit_reward").FillAsync("");
        await page.Locator("#train-button").ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('train-status').textContent.startsWith('Could not start')");
        Assert.Contains("terms.exit_reward", await page.Locator("#train-status").TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#verdict").IsHiddenAsync());
    }

    [Fact]
    public async Task A_keyboard_play_is_scored_on_the_reward_and_the_hidden_performance()
    {
        var page = await fixture.OpenAsync("/game.html");
        await page.Locator("#play-board .cell").First.WaitForAsync();
        await page.Locator("#play-board").FocusAsync();
        foreach (var key in new[] { "ArrowRight", "ArrowRight", "s", "ArrowDown" })
            await page.Keyboard.PressAsync(key);
        await page.WaitForFunctionAsync("() => document.getElementById('play-steps').textContent === '4'");
        Assert.Equal("2.0", await page.Locator("#play-given").TextContentAsync());
        Assert.Equal("4.0", await page.Locator("#play-performance").TextContentAsync());
        await page.Locator(".pad .left").ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('play-steps').textContent === '5'");
        Assert.Equal("4.0", await page.Locator("#play-given").TextContentAsync());
        await page.Locator("section[aria-labelledby=play-heading]").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserFixture.ImagesDirectory, "web-play.png") });

        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the game page scrolls sideways on a phone-sized screen");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ImagesDirectory, "web-game-phone.png") });
    }

    [Fact]
    public async Task A_rating_session_produces_a_reward_model_and_its_goodhart_curve()
    {
        var page = await fixture.OpenAsync("/rater.html");
        await page.Locator("#start-button").ClickAsync();
        for (var i = 1; i <= 4; i++)
        {
            await page.Locator("#pair-prompt").WaitForAsync();
            await page.Locator(i % 2 == 0 ? "#choose-a" : "#choose-b").ClickAsync();
            await page.WaitForFunctionAsync($"() => document.getElementById('rating-progress').dataset.count === '{i}'");
        }
        await page.Locator("#rating-train").ClickAsync();
        await page.Locator("#rating-results").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 60_000 });
        Assert.Equal(2, await page.Locator("#rating-chart polyline").CountAsync());
        Assert.True(await page.Locator("#bias-table tbody tr").CountAsync() >= 2);
        Assert.Contains("length", await page.Locator("#bias-table tbody").TextContentAsync(), StringComparison.Ordinal);
        Assert.EndsWith("%", await page.Locator("#rating-agreement").TextContentAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ImagesDirectory, "web-rater.png"), FullPage = true });
    }

    [Fact]
    public async Task An_overseer_compares_replayed_segments_and_the_retrained_agent_is_shown()
    {
        var page = await fixture.OpenAsync("/overseer.html");
        await page.Locator("#start-button").ClickAsync();
        await page.Locator("#first-board .cell").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        Assert.Equal("0", await page.Locator("#agent-caption").GetAttributeAsync("data-round"));
        for (var i = 1; i <= 3; i++)
        {
            await page.Locator(i == 2 ? "#choose-second" : "#choose-first").ClickAsync();
            await page.WaitForFunctionAsync($"() => document.getElementById('pair-progress').dataset.answered === '{i}'");
        }
        await page.Locator("#update-button").ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('agent-caption').dataset.round === '1'", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        Assert.Equal("3", await page.Locator("#agent-queries").TextContentAsync());
        Assert.Equal(2, await page.Locator("#history-chart polyline").CountAsync());
        Assert.Equal(25, await page.Locator("#agent-board .cell").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ImagesDirectory, "web-overseer.png"), FullPage = true });
    }

    [Fact]
    public async Task The_run_browser_lists_a_stored_run_and_shows_its_curves_and_downloads()
    {
        string id;
        using (var store = fixture.Server.OpenStore())
        {
            var options = new Core.Training.TrainingOptions { Episodes = 300, EvaluationEvery = 50, EvaluationEpisodes = 5 };
            id = Core.Training.GridworldExperiment.Run(Core.Environments.EnvironmentCatalog.Default(), "boat_race", "q-learning", options, store, withOracle: false).Run.Id;
        }
        var home = await fixture.OpenAsync("/");
        await home.Locator("#store-info").WaitForAsync();
        await home.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ImagesDirectory, "web-home.png") });

        var page = await fixture.OpenAsync("/runs.html");
        var row = page.Locator($"tr[data-run='{id}']");
        await row.WaitForAsync();
        await row.Locator("a").ClickAsync();
        await page.Locator("#detail-section").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        Assert.Contains(id, await page.Locator("#detail-heading").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await page.Locator("#detail-training polyline").CountAsync());
        Assert.Equal(2, await page.Locator("#detail-series polyline").CountAsync());
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#detail-plots img')].some(i => i.complete && i.naturalWidth > 0)");
        var csv = await page.Locator("#detail-links a").First.GetAttributeAsync("href");
        Assert.Equal($"/api/runs/{id}/export?format=csv", csv);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ImagesDirectory, "web-runs.png"), FullPage = true });
    }

    [Fact]
    public async Task The_run_browser_shows_a_run_written_on_another_machine_as_running_on_that_host()
    {
        string id;
        using (var store = fixture.Server.OpenStore())
            id = store.StartRun("gridworld", "boat_race", "q-learning", 11, "{}").Id;
        Workbench.StoredRuns.WrittenOn(fixture.Server.StorePath, id, "another-machine");

        var page = await fixture.OpenAsync("/runs.html");
        var status = page.Locator($"tr[data-run='{id}'] td").Nth(6);
        await status.WaitForAsync();
        Assert.Equal("running on another-machine?", await status.TextContentAsync());
        Assert.Contains("cannot check", await status.GetAttributeAsync("title"), StringComparison.Ordinal);
    }
}
