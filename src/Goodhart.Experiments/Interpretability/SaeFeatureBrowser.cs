using Goodhart.Core;
using Goodhart.Core.Runs;

namespace Goodhart.Experiments.Interpretability;

/// <summary>
/// Reads stored SAE runs (<c>interp-sae-features</c>) for browsing: the runs that have a feature file, one run's
/// features, one feature. What the workbench's <c>/sae.html</c> API calls; unknown ids throw
/// <see cref="UnknownNameException"/>, bad ids and unreadable files <see cref="UserInputException"/>.
/// </summary>
public static class SaeFeatureBrowser
{
    /// <summary>Most runs one listing returns.</summary>
    public const int MaxRuns = 200;

    /// <summary>
    /// The newest stored <c>interp-sae-features</c> runs (at most <see cref="MaxRuns"/>) that have a readable feature
    /// file, with it (a run whose file is missing or unreadable is left out; asking for it names the problem).
    /// </summary>
    public static IReadOnlyList<(RunRecord Run, SaeFeatureFile Features)> Runs(RunStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.ListRuns(new RunFilter(RunKind.SaeFeaturesName, null, null, null, MaxRuns))
            .Select(r => (Run: r, Features: TryRead(store.Path, r.Id)))
            .Where(x => x.Features is not null)
            .Select(x => (x.Run, x.Features!))
            .ToArray();
    }

    private static SaeFeatureFile? TryRead(string storePath, string runId)
    {
        try
        {
            return SaeFeatureFile.Read(storePath, runId);
        }
        catch (UserInputException)
        {
            return null;
        }
    }

    /// <summary>The run <paramref name="runId"/> and its features; <see cref="UnknownNameException"/> when the store has no such SAE run.</summary>
    public static (RunRecord Run, SaeFeatureFile Features) Run(RunStore store, string runId)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(runId);
        SaeFeatureFile.PathFor(store.Path, runId);
        var run = store.GetRun(runId);
        if (run.Kind != RunKind.SaeFeaturesName)
            throw new UnknownNameException("SAE run", runId, [$"runs of kind {RunKind.SaeFeaturesName}"]);
        var features = SaeFeatureFile.Read(store.Path, run.Id) ?? throw new UnknownNameException("SAE run", runId, [$"runs of kind {RunKind.SaeFeaturesName} stored with their feature file"]);
        return (run, features);
    }

    /// <summary>Feature <paramref name="feature"/> of run <paramref name="runId"/>; <see cref="UnknownNameException"/> when the file does not show it.</summary>
    public static SaeFeatureEntry Feature(RunStore store, string runId, int feature)
    {
        var (_, features) = Run(store, runId);
        return features.Features.FirstOrDefault(f => f.Feature == feature)
            ?? throw new UnknownNameException("feature", feature.ToString(System.Globalization.CultureInfo.InvariantCulture), [.. features.Features.Select(f => f.Feature.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
    }
}
