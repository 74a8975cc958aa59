using Goodhart.Tests.Shared;

namespace Goodhart.Web.Tests.EndToEnd;

/// <summary>
/// Makes sure Debian's Chromium is there before the end-to-end tests start: when <see cref="BrowserFixture.ChromiumPath"/>
/// is missing it runs <c>apt-get update</c> and <c>apt-get install -y chromium</c> (as root, or through <c>sudo -n</c>),
/// saying what it does, once per test run: a lock inside the process and a lock file across processes keep parallel
/// fixtures from racing, and the second one finds the browser installed. Fails with a message that says what to do
/// when installing is impossible (not root and no password-less sudo, no network, a browser named by
/// <c>GOODHART_CHROMIUM</c> that is missing).
/// </summary>
internal sealed class ChromiumInstaller
{
    /// <summary>Runs a program with arguments and returns its exit code and its merged output.</summary>
    public delegate (int ExitCode, string Output) Runner(string program, IReadOnlyList<string> arguments);

    /// <summary>The lock file that serialises installs across test processes.</summary>
    public static readonly string LockPath = Path.Combine(Path.GetTempPath(), "goodhart-chromium-install.lock");

    private static readonly SemaphoreSlim ProcessLock = new(1, 1);

    private readonly Runner _run;
    private readonly Action<string> _say;
    private readonly Func<string, bool> _exists;
    private readonly bool _isRoot;
    private readonly string _lockPath;

    /// <summary>An installer with its side effects passed in (tests give fakes).</summary>
    public ChromiumInstaller(Runner run, Action<string> say, Func<string, bool> exists, bool isRoot, string lockPath)
    {
        _run = run;
        _say = say;
        _exists = exists;
        _isRoot = isRoot;
        _lockPath = lockPath;
    }

    /// <summary>The installer of this machine: real processes, <see cref="File.Exists"/>, the real user id.</summary>
    public static ChromiumInstaller ForThisMachine(Action<string> say) =>
        new(DebianPackages.Run, say, File.Exists, DebianPackages.IsRoot(), LockPath);

    /// <summary>
    /// Returns when <paramref name="chromium"/> exists, installing Debian's package first when it is the default
    /// path; throws <see cref="InvalidOperationException"/> saying why and what to do when it cannot be had.
    /// </summary>
    public async Task EnsureAsync(string chromium, bool isDefaultPath)
    {
        if (_exists(chromium))
            return;
        if (!isDefaultPath)
        {
            throw new InvalidOperationException(
                $"The end-to-end tests need Chromium at {chromium} (named by GOODHART_CHROMIUM), and it is missing. Fix the path or unset GOODHART_CHROMIUM to use Debian's package.");
        }
        await ProcessLock.WaitAsync();
        try
        {
            using var fileLock = await AcquireFileLockAsync();
            if (_exists(chromium))
            {
                _say($"Chromium: {chromium} is there (installed by another test process).");
                return;
            }
            Install(chromium);
        }
        finally
        {
            ProcessLock.Release();
        }
    }

    private void Install(string chromium)
    {
        if (DebianPackages.AptGet(_isRoot, _run.Invoke) is not { } apt)
        {
            throw new InvalidOperationException(
                $"The end-to-end tests need Chromium at {chromium}; it is missing and cannot be installed from here (not root, and no password-less sudo). Install it with: sudo apt-get install chromium");
        }
        var shown = DebianPackages.Shown(apt);
        _say($"Chromium: {chromium} is missing; installing Debian's chromium package ({shown} update, then install; this takes a minute or two, once per machine).");
        var update = DebianPackages.Update(apt, _run.Invoke);
        if (update.ExitCode != 0)
            _say($"Chromium: '{shown} update' failed (exit {update.ExitCode}); trying the install with the package lists there are. {DebianPackages.Tail(update.Output)}");
        var install = DebianPackages.Install(apt, "chromium", _run.Invoke);
        if (install.ExitCode != 0 || !_exists(chromium))
        {
            throw new InvalidOperationException(
                $"The end-to-end tests need Chromium at {chromium}; installing Debian's chromium package failed ('{shown} install chromium' exit {install.ExitCode}). Install it by hand with: sudo apt-get install chromium. apt said: {DebianPackages.Tail(install.Output)}");
        }
        _say($"Chromium: installed at {chromium}.");
    }

    /// <summary>
    /// The cross-process lock, or null when the lock file belongs to another user (then apt's own lock, waited on for up
    /// to 10 minutes, still serialises the installs).
    /// </summary>
    private async Task<FileStream?> AcquireFileLockAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(20);
        while (true)
        {
            try
            {
                return new FileStream(_lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }
}
