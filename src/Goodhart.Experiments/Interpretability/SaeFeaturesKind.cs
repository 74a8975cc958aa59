using System.Globalization;
using Goodhart.Core.Rlhf;
using Goodhart.Core.Runs;
using Goodhart.Experiments.Rlhf;
using Goodhart.Experiments.Running;
using Goodhart.Learning.Interpretability;
using Goodhart.Learning.Interpretability.Sae;
using Goodhart.Learning.Models;

namespace Goodhart.Experiments.Interpretability;

/// <summary>
/// <c>interp-sae-features</c>: SFT (and DPO on a rater's labels, unless turned off; or both read from an
/// <c>interp-probes</c> run, <see cref="SpecimenPolicies"/>), a TopK SAE on one block's output,
/// then features named for agreement, flattery, hedging and length by their correlation with the world's known labels
/// over held-out corpus texts (<see cref="SaeFeatureNaming"/>), and each named feature checked causally: ablated
/// (zeroed) and clamped (set to its largest held-out activation) at every position through the SAE, keeping its error
/// term (<see cref="SaeFeatureEdit"/>), while the policy answers held-out prompts; behaviour rates and gold with their
/// standard errors (<see cref="SaeFeaturesValues"/>). Writes a named dashboard into the cell's folder and the feature
/// file the workbench browses (<see cref="SaeFeatureFile"/>).
/// </summary>
public sealed class SaeFeaturesKind : ExperimentKind<SaeFeaturesConfig>
{
    /// <summary>The dashboard written into a cell's work folder.</summary>
    public const string DashboardFile = "sae-features.html";

    private const ulong TrainTextStream = 0x5AF1, HeldTextStream = 0x5AF2, EvalStream = 0x5AF3, SampleStream = 0x5AF4;

    /// <inheritdoc />
    public override string Name => "interp-sae-features";

    /// <inheritdoc />
    public override string Description =>
        "SAE features of the optimised policy named for agreement, flattery, hedging and length by correlation with the world's labels, each checked by ablating and clamping it: behaviour rates and gold";

    /// <inheritdoc />
    protected override void Validate(SaeFeaturesConfig config) => config.Validate();

    /// <inheritdoc />
    protected override CellResult Run(ExperimentContext context, SaeFeaturesConfig config)
    {
        var settings = config.Resolve(context.Seed);
        var layer = config.Layer < 0 ? settings.Layers - 1 : config.Layer;
        var point = HookPoints.ResidPost(layer);
        var steps = 5.0 + (SaeFeaturesValues.Behaviours.Count * SaeFeaturesValues.Edits.Count);
        var done = 0;
        void Step(string what)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            context.Progress.Report(new CellProgress(done++ / steps, what));
        }

        var (sft, policy) = SpecimenPolicies.Obtain(config.SpecimenFrom, settings, config.Dpo, context.WorkDirectory, Step, context.Cancellation);
        try
        {
            return Analyse(context, config, settings, policy, point, Step);
        }
        finally
        {
            if (!ReferenceEquals(policy, sft))
                policy.Dispose();
            sft.Dispose();
        }
    }

    private static CellResult Analyse(ExperimentContext context, SaeFeaturesConfig config, RlhfConfig settings, CausalLanguageModel policy, string point, Action<string> step)
    {
        step("sae");
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var trainTexts = new SftCorpusGenerator(RlhfSeeds.Derive(context.Seed, TrainTextStream), settings.Corpus).Next(config.SaeTexts).Select(e => e.Prompt + e.Completion).ToArray();
        var held = new SftCorpusGenerator(RlhfSeeds.Derive(context.Seed, HeldTextStream), settings.Corpus).Next(config.HeldOutTexts);
        var heldTexts = held.Select(e => e.Prompt + e.Completion).ToArray();
        var options = new SaeOptions { DictionarySize = config.SaeFeatures, K = config.SaeK, Steps = config.SaeSteps, Seed = context.Seed };
        using var sae = SparseAutoencoder.Create(policy.Options.EmbeddingDim, options, policy.Backbone.TokenEmbedding.device);
        using (var train = TokenActivations.Collect(policy, trainTexts, point))
            SaeTrainer.Train(sae, train.Activations, options, cancellationToken: context.Cancellation);
        using var heldActivations = TokenActivations.Collect(policy, heldTexts, point);
        var metrics = SaeMetrics.Of(sae, heldActivations.Activations);
        var splice = SaeSplice.Measure(policy, sae, point, heldTexts);
        values[SaeFeaturesValues.L0] = metrics.L0;
        values[SaeFeaturesValues.ExplainedVariance] = metrics.ExplainedVariance;
        values[SaeFeaturesValues.LossRecovered] = splice.LossRecovered;

        step("naming features");
        var named = SaeFeatureNaming.Name(sae, heldActivations, held);
        foreach (var (behaviour, feature, correlation, max) in named)
        {
            values[SaeFeaturesValues.Feature(behaviour)] = feature;
            values[SaeFeaturesValues.Correlation(behaviour)] = correlation;
            values[SaeFeaturesValues.ClampValue(behaviour)] = max;
        }

        var prompts = new PromptGenerator(RlhfSeeds.Derive(context.Seed, EvalStream), settings.Prompts with { BeliefRate = 1, WrongBeliefRate = 0.5 }).Next(config.EvalPrompts);
        step("the unedited policy");
        foreach (var (name, value) in PolicyBehaviour.Measure(policy, prompts, settings.Sampling, context.Seed, SampleStream))
            values[SaeFeaturesValues.Policy(name)] = value;
        foreach (var (behaviour, feature, _, max) in named)
        {
            foreach (var edit in SaeFeaturesValues.Edits)
            {
                step($"{edit} the {behaviour} feature");
                if (feature < 0)
                    continue;
                var hook = edit == "ablate" ? SaeFeatureEdit.Ablate(sae, feature) : SaeFeatureEdit.Set(sae, feature, max);
                // The same sampling stream as the unedited policy: the differences are paired over prompts and draws.
                foreach (var (name, value) in PolicyBehaviour.Measure(policy, prompts, settings.Sampling, context.Seed, SampleStream, new ActivationHooks().Add(point, hook)))
                    values[SaeFeaturesValues.Edited(edit, behaviour, name)] = value;
            }
        }

        var summaries = SaeFeatureDashboard.Build(sae, policy, heldActivations, features: DashboardOrder(named, metrics.Frequencies, config.DashboardFeatures));
        var names = named.Where(n => n.Feature >= 0).GroupBy(n => n.Feature)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(n => string.Create(CultureInfo.InvariantCulture, $"{n.Behaviour} (r = {n.Correlation:0.00})"))));
        var title = string.Create(CultureInfo.InvariantCulture, $"topk-m{config.SaeFeatures}-k{config.SaeK} on {point} of the {(config.Dpo ? $"DPO ({config.Rater}, beta {config.Beta})" : "SFT")} policy, size {config.Size}, seed {context.Seed}");
        var description = string.Create(CultureInfo.InvariantCulture,
            $"Held-out texts: L0 {metrics.L0:0.##}, explained variance {metrics.ExplainedVariance:0.###}, loss recovered {splice.LossRecovered:0.###}. Named features first (the largest correlation of the feature's mean activation over the response with the behaviour, over {config.HeldOutTexts} held-out texts), then the most frequent.");
        AtomicFile.WriteAllText(Path.Combine(context.WorkDirectory, DashboardFile), SaeDashboardHtml.Build($"SAE features: {title}", description, summaries, names));
        var agent = point;
        var run = InterpretabilityRuns.Store(context.Store, RunKind.SaeFeatures, RlhfMetricNames.EnvPrefix + config.Rater, agent, context.Seed, config, values);
        new SaeFeatureFile(run, title, point, sae.DictionarySize, sae.K, metrics.L0, metrics.ExplainedVariance, splice.LossRecovered, SaeFeatureNaming.Entries(summaries, named))
            .Write(context.Store.Path);
        context.Progress.Report(new CellProgress(1, "done"));
        return new CellResult([run], values);
    }

    /// <summary>The named features (in behaviour order, once each), then the most frequent live others, up to <paramref name="extra"/> more.</summary>
    private static int[] DashboardOrder(IReadOnlyList<(string Behaviour, int Feature, double Correlation, double MaxActivation)> named, IReadOnlyList<double> frequencies, int extra)
    {
        var first = named.Where(n => n.Feature >= 0).Select(n => n.Feature).Distinct().ToArray();
        var others = Enumerable.Range(0, frequencies.Count).Where(j => frequencies[j] > 0 && !first.Contains(j))
            .OrderByDescending(j => frequencies[j]).ThenBy(j => j).Take(extra);
        return [.. first, .. others];
    }

    /// <inheritdoc />
    public override IReadOnlyList<ReportSection> Report(ReportContext context, IReadOnlyList<CellOutcome> cells) => SaeFeaturesReport.Sections(context, cells);
}
