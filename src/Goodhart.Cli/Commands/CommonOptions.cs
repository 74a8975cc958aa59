using System.CommandLine;
using Goodhart.Core.Runs;

namespace Goodhart.Cli.Commands;

/// <summary>Options several commands share, defined once.</summary>
internal static class CommonOptions
{
    public static Option<string> Store() => new("--store")
    {
        Description = "Run store (SQLite file). Default: $GOODHART_STORE, else goodhart-runs/runs.db.",
        DefaultValueFactory = _ => RunStore.DefaultPath,
    };

    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override a level constant: name=value (repeatable), e.g. supervisor_probability=1.",
    };

    /// <summary>Where reports go by default: beside the store, in reports/RUN.</summary>
    public static string DefaultReportDirectory(string storePath, string name) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storePath)) ?? ".", "reports", name);
}
