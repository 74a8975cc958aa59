using Goodhart.Web.Tests.Workbench;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Goodhart.Web.Tests.EndToEnd;

/// <summary>
/// The workbench in process on 127.0.0.1 port 0 (rating through the RLHF lab's real session, 4 labels) and headless
/// Debian Chromium driven by Playwright with a fresh profile. When Debian's Chromium is missing the fixture installs
/// it (<see cref="ChromiumInstaller"/>, saying so in the test output); when that is impossible it fails loudly
/// instead of skipping.
/// </summary>
public sealed class BrowserFixture(IMessageSink messages) : IAsyncLifetime
{
    /// <summary>Where Debian's chromium package puts the browser.</summary>
    public const string DebianChromium = "/usr/bin/chromium";

    /// <summary>Debian's Chromium, or the browser named by GOODHART_CHROMIUM.</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("GOODHART_CHROMIUM") is { Length: > 0 } path ? path : DebianChromium;

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private string? _profile;

    internal WorkbenchServer Server { get; private set; } = null!;

    public IBrowserContext Browser { get; private set; } = null!;

    /// <summary>Environment variable that sends the screenshots to docs/images (set to 1 to refresh the docs' pictures).</summary>
    public const string ScreenshotsVariable = "GOODHART_SCREENSHOTS";

    /// <summary>
    /// Where screenshots go: docs/images of the repository the tests run from when <see cref="ScreenshotsVariable"/>
    /// is 1, else a folder beside the test binaries (so ordinary test runs leave the tracked images alone).
    /// </summary>
    public static string ImagesDirectory
    {
        get
        {
            var images = Path.Combine(AppContext.BaseDirectory, "screenshots");
            if (Environment.GetEnvironmentVariable(ScreenshotsVariable) == "1")
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Goodhart.slnx")))
                    dir = dir.Parent;
                images = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("no Goodhart.slnx above the test binaries"), "docs", "images");
            }
            Directory.CreateDirectory(images);
            return images;
        }
    }

    public async Task InitializeAsync()
    {
        await ChromiumInstaller.ForThisMachine(Say).EnsureAsync(ChromiumPath, ChromiumPath == DebianChromium);
        Server = await WorkbenchServer.StartAsync(new Web.Workbench.Rating.RatingSessionFactory(pairs: 4), debate: DebateApiTests.Tiny);
        _playwright = await Playwright.CreateAsync();
        _profile = Path.Combine(Path.GetTempPath(), "goodhart-web-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_profile);
        Browser = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            AcceptDownloads = true,
        });
    }

    private void Say(string line)
    {
        messages.OnMessage(new DiagnosticMessage(line));
        Console.Error.WriteLine(line);
    }

    /// <summary>Console errors the pages opened so far reported (CSP violations among them), with the page's path.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> ConsoleErrors { get; } = new();

    /// <summary>A new tab on <paramref name="path"/> of the workbench; its console errors land in <see cref="ConsoleErrors"/>.</summary>
    public async Task<IPage> OpenAsync(string path)
    {
        var page = await Browser.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                ConsoleErrors.Enqueue($"{path}: {message.Text}");
        };
        await page.GotoAsync(new Uri(Server.Address, path).ToString());
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Server is not null)
            await Server.DisposeAsync();
        if (_profile is not null)
        {
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
