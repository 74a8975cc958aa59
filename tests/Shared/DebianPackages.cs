using System.Diagnostics;

namespace Goodhart.Tests.Shared;

/// <summary>
/// What the tests' Debian package installers (the web tests' Chromium, the experiments tests' Fashion-MNIST) share:
/// finding how to run <c>apt-get</c> (as root, or through <c>sudo -n</c>), its <c>update</c> and <c>install</c>
/// command lines, running a program non-interactively (<c>DEBIAN_FRONTEND=noninteractive</c>, at most 15 minutes)
/// and the tail of its output for an error message. Compiled into each test project as a linked file.
/// </summary>
internal static class DebianPackages
{
    /// <summary>
    /// How to run <c>apt-get</c> here: <c>apt-get</c> itself as root, <c>sudo -n apt-get</c> when password-less sudo
    /// works (asked through <paramref name="run"/>), null when neither.
    /// </summary>
    public static (string Program, string[] Prefix)? AptGet(bool isRoot, Func<string, IReadOnlyList<string>, (int ExitCode, string Output)> run)
    {
        if (isRoot)
            return ("apt-get", []);
        if (run("sudo", ["-n", "true"]).ExitCode == 0)
            return ("sudo", ["-n", "apt-get"]);
        return null;
    }

    /// <summary>The command as a message shows it (<c>apt-get</c> or <c>sudo -n apt-get</c>).</summary>
    public static string Shown((string Program, string[] Prefix) apt) => string.Join(' ', [apt.Program, .. apt.Prefix]);

    /// <summary>Runs <c>apt-get update -qq</c>.</summary>
    public static (int ExitCode, string Output) Update((string Program, string[] Prefix) apt, Func<string, IReadOnlyList<string>, (int ExitCode, string Output)> run) =>
        run(apt.Program, [.. apt.Prefix, "update", "-qq"]);

    /// <summary>Runs <c>apt-get install -y</c> of <paramref name="package"/> without recommends, waiting up to 10 minutes for apt's lock.</summary>
    public static (int ExitCode, string Output) Install((string Program, string[] Prefix) apt, string package, Func<string, IReadOnlyList<string>, (int ExitCode, string Output)> run) =>
        run(apt.Program, [.. apt.Prefix, "install", "-y", "-qq", "--no-install-recommends", "-o", "DPkg::Lock::Timeout=600", package]);

    /// <summary>Whether this process runs as root (user id 0 in <c>/proc/self/status</c>, or the user name root).</summary>
    public static bool IsRoot()
    {
        if (Environment.UserName == "root")
            return true;
        try
        {
            var uid = File.ReadAllLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            return uid is not null && uid.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0";
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The last 600 characters of a program's output on one line, for an error message.</summary>
    public static string Tail(string output)
    {
        var text = output.Trim().ReplaceLineEndings(" | ");
        return text.Length <= 600 ? text : "..." + text[^600..];
    }

    /// <summary>
    /// Runs a program with <c>DEBIAN_FRONTEND=noninteractive</c> and returns its exit code and its output (stdout then
    /// stderr); exit -1 with a message when it cannot start or does not finish in 15 minutes (then it is killed).
    /// </summary>
    public static (int ExitCode, string Output) Run(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
            {
                process.Kill(entireProcessTree: true);
                return (-1, $"{program} did not finish in 15 minutes");
            }
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"{program}: {e.Message}");
        }
    }
}
