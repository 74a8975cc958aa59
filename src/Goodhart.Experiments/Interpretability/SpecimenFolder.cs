using Goodhart.Core;
using Goodhart.Experiments.Rlhf;

namespace Goodhart.Experiments.Interpretability;

/// <summary>
/// Where a steering (or other) cell finds the SFT and DPO policies an <c>interp-probes</c> cell already trained, so
/// that a recipe can measure the same optimised policy without training it again: in that run's output folder
/// (<c>goodhart run --output</c>, default <c>goodhart-runs/experiments/interp-probes-SCALE</c>) the cell work folder
/// (<c>work/ID</c>) whose <c>config.json</c> is exactly the requested settings, seed included, and which holds the SFT
/// checkpoint and the DPO policy at the settings' first beta. Anything else is refused, naming what is missing.
/// </summary>
public static class SpecimenFolder
{
    /// <summary>The work folder under <paramref name="output"/> that trained <paramref name="settings"/>; a <see cref="UserInputException"/> naming <c>config.specimen_from</c> when there is none.</summary>
    public static RlhfWorkFolder Find(string output, RlhfConfig settings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(output);
        ArgumentNullException.ThrowIfNull(settings);
        var work = Path.Combine(output, "work");
        if (!Directory.Exists(work))
            throw new UserInputException($"config.specimen_from: {output} holds no work folder ({work}; a relative path is read from the working directory, then beside this run's output folder); run the interp-probes recipe with these settings there first");
        var expected = settings.ToJson();
        foreach (var candidate in Directory.EnumerateDirectories(work).Order(StringComparer.Ordinal))
        {
            var folder = new RlhfWorkFolder(candidate);
            var config = folder.File(RlhfWorkFolder.ConfigFile);
            if (File.Exists(config) && File.ReadAllText(config) == expected)
            {
                if (!File.Exists(folder.PolicyCheckpoint) || !File.Exists(DpoPolicyFile(folder, settings)))
                    throw new UserInputException($"config.specimen_from: the cell {candidate} has these settings but its SFT or DPO policy is missing (an unfinished run?): finish that run first");
                return folder;
            }
        }

        throw new UserInputException($"config.specimen_from: no cell under {work} trained these settings with seed {settings.Seed} (config.json differs: size, settings, rater and beta must match the interp-probes scale)");
    }

    /// <summary>
    /// The folder a cell's <c>specimen_from</c> names: a rooted path as it is; a relative one from the working directory
    /// when that holds it, otherwise beside this run's own output folder (<paramref name="workDirectory"/> is
    /// <c>OUT/work/ID</c>, so <c>OUT/../NAME</c>, NAME the path's last part). A run whose store is elsewhere
    /// (<c>--store DIR/runs.db</c>) writes its default output folders to <c>DIR/experiments/</c>, where the shipped
    /// <c>goodhart-runs/experiments/interp-probes-sycophant</c> is then found. Neither there: the path unchanged (for
    /// <see cref="Find"/>'s error).
    /// </summary>
    public static string Resolve(string specimenFrom, string workDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(specimenFrom);
        ArgumentException.ThrowIfNullOrWhiteSpace(workDirectory);
        if (Path.IsPathRooted(specimenFrom) || Directory.Exists(specimenFrom))
            return specimenFrom;
        var output = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(workDirectory)));
        var root = output is null ? null : Path.GetDirectoryName(output);
        if (root is null)
            return specimenFrom;
        var sibling = Path.Combine(root, Path.GetFileName(Path.TrimEndingDirectorySeparator(specimenFrom)));
        return Directory.Exists(sibling) ? sibling : specimenFrom;
    }

    /// <summary>The DPO policy file of <paramref name="folder"/> at the settings' first beta, as <see cref="RlhfFolderStages.Dpo"/> saves it.</summary>
    public static string DpoPolicyFile(RlhfWorkFolder folder, RlhfConfig settings)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(settings);
        return folder.File(RlhfStages.DpoName(settings, settings.Betas[0]) + ".safetensors");
    }
}
