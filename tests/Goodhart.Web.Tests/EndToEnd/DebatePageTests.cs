using Goodhart.Tests.Shared;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Goodhart.Web.Tests.EndToEnd;

/// <summary>The debate page in headless Chromium: a person starts a session, watches the reveals, judges, and sees the truth, the sparse judge's verdict and the tally.</summary>
public sealed class DebatePageTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_person_judges_a_debate_and_sees_the_truth_the_sparse_judge_and_the_tally()
    {
        FashionMnistInstaller.Ensure(output.WriteLine);
        var page = await fixture.OpenAsync("/debate.html");
        await page.Locator("#pixels option[value='4']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await page.Locator("#pixels").SelectOptionAsync("4");
        await page.Locator("#start-button").ClickAsync();
        await page.Locator("#debate-section").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 60_000 });
        Assert.NotEqual(await page.Locator("#claim-a").TextContentAsync(), await page.Locator("#claim-b").TextContentAsync());
        await page.Locator("#next-move").ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('pixel-grid').dataset.revealed === '1'");
        await page.Locator("#all-moves").ClickAsync();
        await page.Locator("#choose-a:enabled").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        Assert.Equal("4", await page.Locator("#pixel-grid").GetAttributeAsync("data-revealed"));
        Assert.Equal(4, await page.Locator("#reveal-list li").CountAsync());
        Assert.Equal(4, await page.Locator("#pixel-grid rect[data-side]").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ImagesDirectory, "web-debate.png"), FullPage = true });

        await page.Locator("#choose-a").ClickAsync();
        await page.Locator("#outcome-section").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        var outcome = page.Locator("#outcome");
        var honest = await outcome.GetAttributeAsync("data-honest");
        var personRight = await outcome.GetAttributeAsync("data-person-right") == "true";
        Assert.Equal(honest == "a", personRight);
        Assert.Equal("1", await page.Locator("#tally-rounds").TextContentAsync());
        Assert.Equal(personRight ? "1" : "0", await page.Locator("#tally-person").GetAttributeAsync("data-rate"));
        var judgeRight = await outcome.GetAttributeAsync("data-judge-right") == "true";
        Assert.Equal(judgeRight ? "1" : "0", await page.Locator("#tally-judge").GetAttributeAsync("data-rate"));
        Assert.Equal(784, await page.Locator("#whole-image rect:not([data-side])").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ImagesDirectory, "web-debate-outcome.png"), FullPage = true });
    }
}
