using System.Globalization;
using System.Net;
using System.Text;
using Goodhart.Core.Rlhf;
using Goodhart.Core.Runs;
using Goodhart.Experiments.Rlhf;
using Goodhart.Experiments.Running;
using Goodhart.Learning.Interpretability;
using Goodhart.Learning.Interpretability.Sae;
using Goodhart.Reports.Interpretability;

namespace Goodhart.Experiments.Interpretability;

/// <summary>
/// <c>interp-sae</c>: trains the SFT policy of an RLHF preset (checkpointed in the cell's folder), collects the residual
/// stream after one block on fresh corpus texts, trains a sweep of sparse autoencoders on it, and measures each on
/// held-out texts: L0, explained variance, cross-entropy loss recovered when spliced in, dead and dense features
/// (<see cref="SaeSweepValues"/>). Writes a feature dashboard per autoencoder into the cell's folder
/// (<c>sae-dashboards/NAME.html</c>); the report links the first cell's.
/// </summary>
public sealed class SaeSweepKind : ExperimentKind<SaeSweepConfig>
{
    /// <summary>The folder of the dashboards inside a cell's work folder.</summary>
    public const string DashboardFolder = "sae-dashboards";

    private const ulong TextStream = 0x5AE1;

    /// <inheritdoc />
    public override string Name => "interp-sae";

    /// <inheritdoc />
    public override string Description =>
        "sparse autoencoders (TopK, ReLU+L1) on the SFT policy's residual stream over dictionary size and sparsity: L0, explained variance, loss recovered when spliced in, dead/dense features, feature dashboards";

    /// <inheritdoc />
    protected override void Validate(SaeSweepConfig config) => config.Validate();

    /// <inheritdoc />
    protected override CellResult Run(ExperimentContext context, SaeSweepConfig config)
    {
        var settings = RlhfPresets.Get(config.Size) with { Seed = context.Seed };
        var layer = config.Layer < 0 ? settings.Layers - 1 : config.Layer;
        var point = HookPoints.ResidPost(layer);
        var sweep = config.Sweep(context.Seed);
        var total = sweep.Count + 2.0;
        context.Progress.Report(new CellProgress(0, "sft"));
        var (policy, _) = RlhfStages.Sft(settings, RlhfStages.SftCorpus(settings), Path.Combine(context.WorkDirectory, "sft"), cancellationToken: context.Cancellation);
        using (policy)
        {
            var texts = new SftCorpusGenerator(RlhfSeeds.Derive(context.Seed, TextStream), settings.Corpus).Next(config.Texts + config.EvalTexts)
                .Select(e => e.Prompt + e.Completion).ToArray();
            var train = texts[..config.Texts];
            var held = texts[config.Texts..];
            context.Progress.Report(new CellProgress(1 / total, "collecting activations"));
            using var trainActivations = TokenActivations.Collect(policy, train, point);
            using var heldActivations = TokenActivations.Collect(policy, held, point);
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            var clean = SaeSplice.CrossEntropy(policy, held, null);
            values[SaeSweepValues.CleanLoss] = clean;
            values[SaeSweepValues.ZeroAblatedLoss] = SaeSplice.CrossEntropy(policy, held, new ActivationHooks().Add(point, ActivationPatches.Zero()));
            Directory.CreateDirectory(Path.Combine(context.WorkDirectory, DashboardFolder));
            for (var i = 0; i < sweep.Count; i++)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var (name, options) = sweep[i];
                context.Progress.Report(new CellProgress((i + 2) / total, name));
                using var sae = SparseAutoencoder.Create(policy.Options.EmbeddingDim, options, TorchDeviceOf(policy));
                SaeTrainer.Train(sae, trainActivations.Activations, options, cancellationToken: context.Cancellation);
                var metrics = SaeMetrics.Of(sae, heldActivations.Activations);
                var splice = SaeSplice.Measure(policy, sae, point, held);
                values[SaeSweepValues.Of(name, "l0")] = metrics.L0;
                values[SaeSweepValues.Of(name, "explained_variance")] = metrics.ExplainedVariance;
                values[SaeSweepValues.Of(name, "loss_recovered")] = splice.LossRecovered;
                values[SaeSweepValues.Of(name, "ce_spliced")] = splice.Spliced;
                values[SaeSweepValues.Of(name, "mse")] = metrics.Mse;
                values[SaeSweepValues.Of(name, "dead_fraction")] = (double)metrics.DeadFeatures / sae.DictionarySize;
                values[SaeSweepValues.Of(name, "dense_fraction")] = (double)metrics.DenseFeatures / sae.DictionarySize;
                if (config.DashboardFeatures > 0)
                {
                    var summaries = SaeFeatureDashboard.Build(sae, policy, heldActivations, count: config.DashboardFeatures);
                    var description = string.Create(CultureInfo.InvariantCulture,
                        $"{name} on {point} of the SFT policy (size {config.Size}, seed {context.Seed}); held-out texts: L0 {metrics.L0:0.##}, explained variance {metrics.ExplainedVariance:0.###}, loss recovered {splice.LossRecovered:0.###}, dead {metrics.DeadFeatures}/{sae.DictionarySize}. The {summaries.Count} most frequent live features.");
                    AtomicFile.WriteAllText(Path.Combine(context.WorkDirectory, DashboardFolder, name + ".html"), SaeDashboardHtml.Build($"SAE features: {name}", description, summaries));
                }
            }
            var run = InterpretabilityRuns.Store(context.Store, RunKind.SaeSweep, "policy:" + config.Size, point, context.Seed, config, values);
            context.Progress.Report(new CellProgress(1, "done"));
            return new CellResult([run], values);
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<ReportSection> Report(ReportContext context, IReadOnlyList<CellOutcome> cells)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0)
            return [];
        var config = (SaeSweepConfig)cells[0].Config;
        var names = config.Sweep(1).Select(s => s.Name).ToArray();
        Directory.CreateDirectory(context.Directory);
        SampleStats? Stats(string name, string metric) => SampleStats.Of(cells.Select(c => c.Result.Values.GetValueOrDefault(SaeSweepValues.Of(name, metric), double.NaN)).Where(double.IsFinite));
        var families = names.GroupBy(Family, StringComparer.Ordinal).ToArray();
        var sections = new List<ReportSection>();
        var figures = new StringBuilder();
        foreach (var (metric, label, file) in new[] { ("explained_variance", "explained variance", "sae-explained-variance.png"), ("loss_recovered", "loss recovered when spliced in", "sae-loss-recovered.png") })
        {
            var series = families.Select(f => new MeasuredSeries(f.Key, f.Select(n => (Stats(n, "l0")?.Mean ?? double.NaN, Stats(n, metric)?.Mean ?? double.NaN, Stats(n, metric)?.Se)).ToArray())).ToArray();
            MeasuredSeriesPlot.SavePng($"SAE {label} against L0", "L0 (active features per token)", $"{label} \u00b1 SE over seeds", series, Path.Combine(context.Directory, file), logX: true);
            figures.Append(CultureInfo.InvariantCulture, $"<figure><img src=\"{file}\" alt=\"{label} against L0\"><figcaption>{WebUtility.HtmlEncode(label)} against L0 per architecture and dictionary size (n = {cells.Count} seeds; bands: one standard error).</figcaption></figure>");
        }
        sections.Add(new ReportSection("Sparsity against fidelity", figures.ToString()));
        var links = new StringBuilder("<ul>");
        var first = cells[0];
        foreach (var name in names)
        {
            var source = Path.Combine(context.Directory, "work", first.CellId, DashboardFolder, name + ".html");
            if (!File.Exists(source))
                continue;
            var target = $"sae-dashboard-{name}.html";
            File.Copy(source, Path.Combine(context.Directory, target), overwrite: true);
            links.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{WebUtility.HtmlEncode(target)}\">{WebUtility.HtmlEncode(name)}</a></li>");
        }
        sections.Add(new ReportSection($"Feature dashboards (seed {first.Seed})", links.Append("</ul>").ToString()));
        return sections;
    }

    private static string Family(string name) =>
        name.Contains("-l1-", StringComparison.Ordinal) ? name[..name.IndexOf("-l1-", StringComparison.Ordinal)] : name[..name.LastIndexOf('-')];

    private static TorchSharp.torch.Device TorchDeviceOf(Learning.Models.CausalLanguageModel policy) => policy.Backbone.TokenEmbedding.device;
}
