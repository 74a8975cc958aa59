using System.Text.Json;
using Goodhart.Core;
using Goodhart.Experiments.Rlhf;
using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Models;

namespace Goodhart.Experiments.Interpretability;

/// <summary>
/// The SFT policy and the policy DPO optimised from it that an <c>interp-steering</c> or <c>interp-sae-features</c>
/// cell measures: read from the <c>interp-probes</c> cell that trained them when the recipe names its run
/// (<c>specimen_from</c>, <see cref="SpecimenFolder"/>), otherwise trained in the cell's work folder (SFT, the rater's
/// labels of its samples, DPO at the settings' first beta; checkpointed there). One code path for every kind that
/// studies the specimen, so they all read the same two policies.
/// </summary>
public static class SpecimenPolicies
{
    /// <summary>
    /// The SFT policy and the optimised one (the SFT policy itself, the same instance, when <paramref name="dpo"/> is
    /// false). The caller disposes both, once when they are the same model. <paramref name="step"/> is told each stage.
    /// </summary>
    public static (CausalLanguageModel Sft, CausalLanguageModel Optimised) Obtain(
        string? specimenFrom, RlhfConfig settings, bool dpo, string workDirectory, Action<string> step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(step);
        if (specimenFrom is { } from)
        {
            step("specimen");
            RlhfStages.UseThreads(settings); // no stage runs here to pin them: the same numbers whatever the machine's cores
            var folder = SpecimenFolder.Find(SpecimenFolder.Resolve(from, workDirectory), settings);
            var loaded = folder.LoadPolicy();
            try
            {
                return (loaded, dpo ? ModelCheckpoint.LoadLanguageModel(SpecimenFolder.DpoPolicyFile(folder, settings)) : loaded);
            }
            catch
            {
                loaded.Dispose();
                throw;
            }
        }

        step("sft");
        var (sft, _) = RlhfStages.Sft(settings, RlhfStages.SftCorpus(settings), Path.Combine(workDirectory, "sft"), cancellationToken: cancellationToken);
        if (!dpo)
        {
            return (sft, sft);
        }

        try
        {
            step("label");
            var pairs = RlhfStages.Label(settings, sft);
            step("dpo");
            var (optimised, _) = RlhfStages.Dpo(settings, sft, sft, pairs, settings.Betas[0], evaluator: null, Path.Combine(workDirectory, "dpo"), cancellationToken: cancellationToken);
            return (sft, optimised);
        }
        catch
        {
            sft.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Refuses overrides a kind sets through its own fields (<c>settings.rater</c>, <c>settings.betas</c>: the
    /// configuration's <c>rater</c> and <c>beta</c>) and an empty <c>specimen_from</c>, naming the field.
    /// </summary>
    public static void ValidateSource(IReadOnlyDictionary<string, JsonElement> settings, string? specimenFrom)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Keys.FirstOrDefault(k => k is "rater" or "betas") is { } taken)
            throw new UserInputException($"config.settings.{taken}: set config.{(taken == "rater" ? "rater" : "beta")} instead");
        if (specimenFrom is not null && string.IsNullOrWhiteSpace(specimenFrom))
            throw new UserInputException("config.specimen_from: an empty path; leave it out to train the policies in the cell");
    }
}
