using System.Globalization;
using System.Net;
using System.Text;
using Goodhart.Core.Randomness;
using Goodhart.Core.Rlhf;
using Goodhart.Core.Runs;
using Goodhart.Experiments.Rlhf;
using Goodhart.Learning.Interpretability;
using Goodhart.Learning.Interpretability.Sae;
using Goodhart.Learning.Interpretability.Steering;
using Goodhart.Reports.Interpretability;

namespace Goodhart.Experiments.Interpretability;

/// <summary>
/// <c>interp-steering</c>: SFT, labels by a rater that rewards agreement, DPO (the optimised policy, checkpointed in
/// the cell's folder), then steering it down the sycophancy direction at each strength: contrastive activation
/// addition (mean residual on sycophantic minus honest completions of wrong-belief prompts) and the SAE-feature
/// variant (the decoder direction of the TopK SAE feature most active on sycophantic completions, times that mean
/// difference), each subtracted at every position of one block's output while sampling. Measures sycophancy,
/// flattery, accuracy and gold per strength (<see cref="SteeringValues"/>): the alignment tax.
/// </summary>
public sealed class SteeringKind : ExperimentKind<SteeringConfig>
{
    private const ulong ContrastStream = 0x57E1, EvalStream = 0x57E2, SampleStream = 0x57E3, SaeTextStream = 0x57E4, WordingStream = 0x57E5;

    /// <inheritdoc />
    public override string Name => "interp-steering";

    /// <inheritdoc />
    public override string Description =>
        "steer the DPO-optimised (sycophantic) policy by contrastive activation addition and by an SAE feature; sycophancy, flattery, accuracy and gold against the steering strength";

    /// <inheritdoc />
    protected override void Validate(SteeringConfig config) => config.Validate();

    /// <inheritdoc />
    protected override CellResult Run(ExperimentContext context, SteeringConfig config)
    {
        var settings = config.Resolve(context.Seed);
        var layer = config.Layer < 0 ? settings.Layers - 1 : config.Layer;
        var point = HookPoints.ResidPost(layer);
        var steps = 5.0 + (2 * config.Strengths.Count);
        var done = 0;
        void Step(string what) => context.Progress.Report(new CellProgress(done++ / steps, what));
        var (sft, dpo) = SpecimenPolicies.Obtain(config.SpecimenFrom, settings, dpo: true, context.WorkDirectory, Step, context.Cancellation);
        using (sft)
        {
            using (var policy = dpo)
            {
                var values = new Dictionary<string, double>(StringComparer.Ordinal);
                var evalPrompts = new PromptGenerator(RlhfSeeds.Derive(context.Seed, EvalStream), settings.Prompts with { BeliefRate = 1, WrongBeliefRate = 0.5 }).Next(config.EvalPrompts);
                var sampling = settings.Sampling;
                foreach (var (name, value) in PolicyBehaviour.Measure(sft, evalPrompts, sampling, context.Seed, SampleStream))
                    values[SteeringValues.Sft(name)] = value;
                var contrast = ContrastPairs(settings, context.Seed, config.ContrastPairs);
                Step("steering vectors");
                using var caa = ContrastiveActivationAddition.Direction(policy, point, contrast);
                values[SteeringValues.CaaNorm] = caa.norm().item<float>();
                var saeOptions = new SaeOptions { DictionarySize = config.SaeFeatures, K = config.SaeK, Steps = config.SaeSteps, Seed = context.Seed };
                using var sae = SparseAutoencoder.Create(policy.Options.EmbeddingDim, saeOptions, policy.Backbone.TokenEmbedding.device);
                var texts = new SftCorpusGenerator(RlhfSeeds.Derive(context.Seed, SaeTextStream), settings.Corpus).Next(config.SaeTexts).Select(e => e.Prompt + e.Completion).ToArray();
                using (var activations = TokenActivations.Collect(policy, texts, point))
                    SaeTrainer.Train(sae, activations.Activations, saeOptions, cancellationToken: context.Cancellation);
                var (feature, difference) = ContrastiveActivationAddition.MostContrastiveFeature(policy, sae, point, contrast);
                using var featureDirection = ContrastiveActivationAddition.FeatureDirection(sae, feature, difference);
                values[SteeringValues.SaeFeature] = feature;
                values[SteeringValues.SaeFeatureDifference] = difference;
                values[SteeringValues.Cosine] = ContrastiveActivationAddition.Cosine(caa, featureDirection);
                foreach (var (method, direction) in new[] { ("caa", caa), ("sae_feature", featureDirection) })
                {
                    foreach (var strength in config.Strengths)
                    {
                        context.Cancellation.ThrowIfCancellationRequested();
                        Step(string.Create(CultureInfo.InvariantCulture, $"{method} at {strength}"));
                        var hooks = new ActivationHooks().Add(point, ActivationPatches.Add(direction, -strength));
                        foreach (var (name, value) in PolicyBehaviour.Measure(policy, evalPrompts, sampling, context.Seed, SampleStream, hooks))
                            values[SteeringValues.Of(method, strength, name)] = value;
                    }
                }
                var run = InterpretabilityRuns.Store(context.Store, RunKind.Steering, RlhfMetricNames.EnvPrefix + config.Rater, point, context.Seed, config, values);
                context.Progress.Report(new CellProgress(1, "done"));
                return new CellResult([run], values);
            }
        }
    }

    /// <summary>
    /// Wrong-belief prompts with a sycophantic completion (the belief, confidently endorsed) and an honest one (the
    /// right answer, contradicting the belief) in the same wording.
    /// </summary>
    public static IReadOnlyList<(string Prompt, string Positive, string Negative)> ContrastPairs(RlhfConfig settings, ulong seed, int count)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var generator = new PromptGenerator(RlhfSeeds.Derive(seed, ContrastStream), settings.Prompts with { BeliefRate = 1, WrongBeliefRate = 1 });
        var rng = new Xoshiro256(RlhfSeeds.Derive(seed, WordingStream));
        var pairs = new List<(string, string, string)>(count);
        // Pairs that do not fit the context (bos, prompt, completion, eos) are skipped; the draw gives up after 20 x count tries.
        for (var tries = 0; pairs.Count < count && tries < 20 * count; tries++)
        {
            var p = generator.Next();
            var wording = rng.NextInt(ResponseFeatures.WordingCount);
            var positive = ResponseComposer.Compose(new ResponseFeatures(p.Belief!.Value, Confidence.Confident, UserStance.Agrees, Wording: wording));
            var negative = ResponseComposer.Compose(new ResponseFeatures(p.Answer, Confidence.Plain, UserStance.Disagrees, Wording: wording));
            if (p.Text.Length + Math.Max(positive.Length, negative.Length) + 2 <= settings.ContextLength)
                pairs.Add((p.Text, positive, negative));
        }
        if (pairs.Count == 0)
            throw new InvalidOperationException($"No contrast pair fits a context of {settings.ContextLength}.");
        return pairs;
    }

    /// <inheritdoc />
    public override IReadOnlyList<ReportSection> Report(ReportContext context, IReadOnlyList<CellOutcome> cells)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0)
            return [];
        var config = (SteeringConfig)cells[0].Config;
        Directory.CreateDirectory(context.Directory);
        SampleStats? Stats(string name) => SampleStats.Of(cells.Select(c => c.Result.Values.GetValueOrDefault(name, double.NaN)).Where(double.IsFinite));
        var html = new StringBuilder();
        foreach (var method in SteeringValues.Methods)
        {
            var file = $"steering-{method}.png";
            var series = SteeringValues.Measures.Select(m => new MeasuredSeries(m.Replace('_', ' '),
                config.Strengths.Select(s => (s, Stats(SteeringValues.Of(method, s, m))?.Mean ?? double.NaN, Stats(SteeringValues.Of(method, s, m))?.Se)).ToArray())).ToArray();
            MeasuredSeriesPlot.SavePng($"steering by {method}: behaviour and gold against strength", "strength (multiples of the vector subtracted)", "rate or mean gold \u00b1 SE over seeds", series, Path.Combine(context.Directory, file));
            html.Append(CultureInfo.InvariantCulture, $"<figure><img src=\"{file}\" alt=\"{method}: behaviour and gold against strength\"><figcaption>{WebUtility.HtmlEncode(method)}: sycophancy, flattery, accuracy and gold of the DPO policy on {config.EvalPrompts} held-out prompts per strength (n = {cells.Count} seeds; bands: one standard error over seeds).</figcaption></figure>");
        }
        return [new ReportSection("Steering the optimised policy: the alignment tax", html.ToString())];
    }
}
