namespace Goodhart.Cli.Tests.Rlhf;

/// <summary>
/// A work folder with the tiny preset's SFT policy, labelled pairs and two reward models, made once per test class
/// by the CLI itself (a few seconds); tests that change files work on a copy.
/// </summary>
public sealed class TinyRlhfFolder : IDisposable
{
    public TinyRlhfFolder()
    {
        Environment.SetEnvironmentVariable("GOODHART_TORCH_THREADS", "1");
        Root = Path.Combine(Path.GetTempPath(), "goodhart-cli-tests", "rlhf-" + Guid.NewGuid().ToString("N"));
        Dir = Path.Combine(Root, "work");
        Store = Path.Combine(Root, "runs.db");
        foreach (var stage in new[] { "sft", "label", "rm" })
        {
            string[] args = stage == "sft" ? ["rlhf", stage, "--size", "tiny", "--dir", Dir, "--store", Store] : ["rlhf", stage, "--dir", Dir, "--store", Store];
            var (code, output, error) = CliRunner.Run(args);
            if (code != 0)
                throw new InvalidOperationException($"rlhf {stage} failed ({code}): {error}\n{output}");
        }
    }

    public string Root { get; }

    public string Dir { get; }

    public string Store { get; }

    /// <summary>A fresh copy of the work folder (and a fresh store path) under the same root.</summary>
    public (string Dir, string Store) Copy()
    {
        var target = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.GetFiles(Dir, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(Dir, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return (target, Path.Combine(target, "runs.db"));
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }
}
