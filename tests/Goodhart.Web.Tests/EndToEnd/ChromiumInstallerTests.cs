using System.Collections.Concurrent;

namespace Goodhart.Web.Tests.EndToEnd;

/// <summary>
/// The browser fixture's installer with fake processes: nothing runs when Chromium is there; a missing one is
/// installed with apt-get update then install (as root, or through sudo -n), once, however many fixtures ask at the
/// same time; an impossible install fails with a message that says what to do.
/// </summary>
public sealed class ChromiumInstallerTests : IDisposable
{
    private readonly string _lock = Path.Combine(Path.GetTempPath(), $"goodhart-chromium-test-{Guid.NewGuid():N}.lock");
    private readonly ConcurrentQueue<string> _commands = new();
    private readonly ConcurrentQueue<string> _said = new();
    private volatile bool _installed;

    public void Dispose() => File.Delete(_lock);

    private ChromiumInstaller Installer(bool isRoot, bool sudo = false, int installExit = 0) => new(
        (program, arguments) =>
        {
            var line = string.Join(' ', [program, .. arguments]);
            _commands.Enqueue(line);
            if (line == "sudo -n true")
                return (sudo ? 0 : 1, "");
            if (line.Contains(" install ", StringComparison.Ordinal) || line.StartsWith("apt-get install", StringComparison.Ordinal))
            {
                Thread.Sleep(50);
                _installed = installExit == 0;
                return (installExit, installExit == 0 ? "" : "E: Unable to locate package chromium");
            }
            return (0, "");
        },
        _said.Enqueue,
        _ => _installed,
        isRoot,
        _lock);

    [Fact]
    public async Task Nothing_runs_when_chromium_is_there()
    {
        _installed = true;
        await Installer(isRoot: true).EnsureAsync("/usr/bin/chromium", isDefaultPath: true);
        Assert.Empty(_commands);
    }

    [Fact]
    public async Task As_root_a_missing_chromium_is_installed_with_apt_get_update_then_install_and_the_output_says_so()
    {
        await Installer(isRoot: true).EnsureAsync("/usr/bin/chromium", isDefaultPath: true);
        var commands = _commands.ToArray();
        Assert.Equal(2, commands.Length);
        Assert.Equal("apt-get update -qq", commands[0]);
        Assert.StartsWith("apt-get install -y", commands[1], StringComparison.Ordinal);
        Assert.EndsWith(" chromium", commands[1], StringComparison.Ordinal);
        Assert.Contains(_said, s => s.Contains("installing Debian's chromium", StringComparison.Ordinal));
        Assert.Contains(_said, s => s.Contains("installed at /usr/bin/chromium", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_root_it_goes_through_password_less_sudo()
    {
        await Installer(isRoot: false, sudo: true).EnsureAsync("/usr/bin/chromium", isDefaultPath: true);
        Assert.Equal(["sudo -n true", "sudo -n apt-get update -qq"], _commands.Take(2));
        Assert.StartsWith("sudo -n apt-get install -y", _commands.Last(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_root_or_sudo_it_fails_with_a_message_saying_what_to_do()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Installer(isRoot: false).EnsureAsync("/usr/bin/chromium", isDefaultPath: true));
        Assert.Contains("sudo apt-get install chromium", e.Message, StringComparison.Ordinal);
        Assert.Equal(["sudo -n true"], _commands);
    }

    [Fact]
    public async Task A_failed_install_fails_with_apts_words()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Installer(isRoot: true, installExit: 100).EnsureAsync("/usr/bin/chromium", isDefaultPath: true));
        Assert.Contains("Unable to locate package chromium", e.Message, StringComparison.Ordinal);
        Assert.Contains("exit 100", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_browser_named_by_the_environment_is_not_installed_over()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Installer(isRoot: true).EnsureAsync("/opt/my/chrome", isDefaultPath: false));
        Assert.Contains("GOODHART_CHROMIUM", e.Message, StringComparison.Ordinal);
        Assert.Empty(_commands);
    }

    [Fact]
    public async Task Fixtures_asking_at_the_same_time_install_once()
    {
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Installer(isRoot: true).EnsureAsync("/usr/bin/chromium", isDefaultPath: true))));
        Assert.Single(_commands, c => c.StartsWith("apt-get install", StringComparison.Ordinal));
    }
}
