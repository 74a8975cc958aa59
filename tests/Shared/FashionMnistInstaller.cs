using Goodhart.Core.Oversight;

namespace Goodhart.Tests.Shared;

/// <summary>
/// Makes sure Fashion-MNIST is there before a test that needs it (the pattern of the web tests' Chromium installer):
/// when <see cref="FashionMnist.MissingFile"/> finds a file missing in Debian's folder it runs <c>apt-get update</c>
/// and <c>apt-get install -y dataset-fashion-mnist</c> (as root, or through <c>sudo -n</c>), saying so, once per test
/// process (a lock inside the process; apt's own lock across processes). Compiled into the experiments and web tests
/// as a linked file. Fails with a message that says what to do
/// when installing is impossible (not root and no password-less sudo, no network, a folder named by
/// <c>GOODHART_FASHION_MNIST</c> that lacks the files).
/// </summary>
internal static class FashionMnistInstaller
{
    private static readonly Lock Gate = new();
    private static bool _checked;

    /// <summary>Returns when the four files are there, installing Debian's package first when needed; <paramref name="say"/> gets what it does.</summary>
    public static void Ensure(Action<string> say)
    {
        lock (Gate)
        {
            if (_checked && FashionMnist.MissingFile() is null)
                return;
            if (FashionMnist.MissingFile() is { } missing)
            {
                if (FashionMnist.Directory != FashionMnist.DebianDirectory)
                    throw new InvalidOperationException($"Fashion-MNIST: {missing} is missing in the folder named by {FashionMnist.DirectoryVariable}. Fix the folder or unset the variable to use Debian's {FashionMnist.DebianPackage} package.");
                Install(missing, say);
            }
            _checked = true;
        }
    }

    private static void Install(string missing, Action<string> say)
    {
        if (DebianPackages.AptGet(DebianPackages.IsRoot(), DebianPackages.Run) is not { } apt)
            throw new InvalidOperationException($"Fashion-MNIST: {missing} is missing and cannot be installed from here (not root, and no password-less sudo). Install it with: sudo apt-get install {FashionMnist.DebianPackage}");
        var shown = DebianPackages.Shown(apt);
        say($"Fashion-MNIST: {missing} is missing; installing Debian's {FashionMnist.DebianPackage} package ({shown} update, then install; about 30 MB, once per machine).");
        var update = DebianPackages.Update(apt, DebianPackages.Run);
        if (update.ExitCode != 0)
            say($"Fashion-MNIST: '{shown} update' failed (exit {update.ExitCode}); trying the install with the package lists there are.");
        var install = DebianPackages.Install(apt, FashionMnist.DebianPackage, DebianPackages.Run);
        if (install.ExitCode != 0 || FashionMnist.MissingFile() is not null)
            throw new InvalidOperationException($"Fashion-MNIST: installing Debian's {FashionMnist.DebianPackage} failed ('{shown} install' exit {install.ExitCode}). Install it by hand with: sudo apt-get install {FashionMnist.DebianPackage}. apt said: {DebianPackages.Tail(install.Output)}");
        say($"Fashion-MNIST: installed in {FashionMnist.DebianDirectory}.");
    }
}
