using System.Reflection;
using TorchSharp;

namespace Goodhart.Learning.Tests.Native;

/// <summary>Where the test finds TorchSharp's native wrapper: the build output's copy and the package's pristine one.</summary>
internal static class NativeFiles
{
    public static string BuildOutputLibTorchSharp =>
        Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    public static string PristineLibTorchSharp
    {
        get
        {
            var root = typeof(NativeFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "NuGetPackageRoot").Value!;
            var version = typeof(torch).Assembly.GetName().Version!;
            return Path.Combine(root, "torchsharp", $"{version.Major}.{version.Minor}.{version.Build}", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        }
    }

    /// <summary>A copy of <paramref name="source"/> in <paramref name="folder"/>.</summary>
    public static string CopyInto(TemporaryFolder folder, string source)
    {
        Assert.True(File.Exists(source), $"expected {source}");
        var copy = folder.File(Path.GetFileName(source));
        File.Copy(source, copy);
        return copy;
    }
}
