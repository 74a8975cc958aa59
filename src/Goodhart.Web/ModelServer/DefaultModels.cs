using System.Globalization;
using Goodhart.Experiments.Rlhf;
using Goodhart.Learning;
using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Models;
using Goodhart.Learning.Rlhf;
using Goodhart.Learning.Training;

namespace Goodhart.Web.ModelServer;

/// <summary>
/// Trains the models <c>goodhart serve</c> serves out of the box and writes them as a models folder:
/// <c>goodhart-sft/model.safetensors</c>, <c>goodhart-dpo-typical/model.safetensors</c> and a <c>models.json</c>
/// listing them. The policies come from the RLHF stages of the application layer (<see cref="RlhfStages"/>) with the
/// options' config (<see cref="RlhfPresets.Serve"/>): SFT, the labelled training pairs, DPO at the first beta, each
/// exactly as <c>goodhart rlhf sft</c>, <c>label</c> and <c>dpo</c> train them (without evaluation points during DPO).
/// </summary>
public static class DefaultModels
{
    /// <summary>
    /// Where models are written while training (inside the models folder); moved into place when all are done. An
    /// interrupted run's SFT policy found there is reused instead of retrained.
    /// </summary>
    public const string StagingFolder = ".training";

    /// <summary>Safetensors metadata key of a policy's description (how it was trained).</summary>
    public const string DescriptionKey = "goodhart.description";

    /// <summary>Trains the policies, saves them under <paramref name="folder"/> and returns the manifest's entries.</summary>
    public static IReadOnlyList<ModelManifestEntry> Train(string folder, DefaultModelOptions? options = null, IProgress<DefaultModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        options ??= new DefaultModelOptions();
        var config = options.Config;
        config.Validate();
        TorchRuntime.Initialize();
        Directory.CreateDirectory(folder);
        var staging = Path.Combine(folder, StagingFolder);
        var entries = new List<ModelManifestEntry>();
        var sftPath = Path.Combine(staging, options.SftId, SupervisedTrainer.ModelFile);
        var resumed = File.Exists(sftPath);
        using var sft = resumed ? ModelCheckpoint.LoadLanguageModel(sftPath, TorchSharp.torch.CPU) : TrainSft(config, progress, cancellationToken);
        if (resumed)
        {
            progress?.Report(new DefaultModelProgress("sft", 1, 1, "loaded from an interrupted run"));
        }
        else
        {
            Save(staging, options.SftId, sft, "SFT reference policy (training interrupted before evaluation)");
        }

        using var reference = PolicyCopies.FrozenReference(sft);
        var evaluator = options.Evaluate ? RlhfStages.Evaluator(config, reference) : null;
        var evaluations = options.TrainDpo ? 2 : 1;
        var sftDescription = string.Create(
            CultureInfo.InvariantCulture,
            $"SFT reference policy: {config.SftSteps} steps of {config.SftBatch} on {config.SftExamples} examples of the RLHF world's corpus, seed {config.Seed} (RLHF preset {config.Size})");
        sftDescription += Evaluate(evaluator, sft, 0, evaluations, progress);
        entries.Add(Save(staging, options.SftId, sft, sftDescription));
        if (options.TrainDpo)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new DefaultModelProgress("pairs", 0, 1, $"sampling {config.TrainPairs} pairs, labelling by {config.Rater}"));
            var pairs = RlhfStages.Label(config, sft);
            progress?.Report(new DefaultModelProgress("pairs", 1, 1, $"{pairs.Count} pairs labelled by {config.Rater}"));
            var beta = config.Betas[0];
            var (policy, _) = RlhfStages.Dpo(config, sft, reference, pairs, beta, null, progress: progress is null ? null : new Reporter<RlhfProgress>(p =>
            {
                var margin = p.Metrics.FirstOrDefault(m => m.Name == DpoStepStatistics.MarginsName)?.Value ?? double.NaN;
                progress.Report(new DefaultModelProgress("dpo", p.Step, p.Steps, string.Create(CultureInfo.InvariantCulture, $"margin {margin:F3}")));
            }), cancellationToken: cancellationToken);
            using (policy)
            {
                var dpoDescription = string.Create(
                    CultureInfo.InvariantCulture,
                    $"DPO from {options.SftId} (beta {beta}, {config.DpoEpochs} epochs) on {pairs.Count} pairs of its samples labelled by the {config.Rater} rater");
                dpoDescription += Evaluate(evaluator, policy, 1, evaluations, progress);
                entries.Add(Save(staging, options.DpoId, policy, dpoDescription));
            }
        }

        // Only finished models leave the staging folder, so an interrupted run never looks like a complete models folder.
        entries = entries.Select(e => e with { Path = Publish(folder, staging, e.Id) }).ToList();
        Directory.Delete(staging, recursive: true);

        new ModelManifest { Models = entries.Select(e => e with { Path = Path.GetRelativePath(folder, e.Path) }).ToArray() }
            .Write(Path.Combine(folder, ModelManifest.FileName));
        return entries;
    }

    private static CausalLanguageModel TrainSft(RlhfConfig config, IProgress<DefaultModelProgress>? progress, CancellationToken cancellationToken)
    {
        var corpus = RlhfStages.SftCorpus(config);
        return RlhfStages.Sft(config, corpus, progress: progress is null ? null : new Reporter<SupervisedProgress>(p =>
            progress.Report(new DefaultModelProgress("sft", p.Step, p.Steps, string.Create(CultureInfo.InvariantCulture, $"loss {p.Loss:F3}")))), cancellationToken: cancellationToken).Policy;
    }
    /// <summary>
    /// The policy's held-out figures as a description suffix (gold score, KL to the SFT policy, accuracy, sycophancy,
    /// confident-wrong, hedging, mean length), or empty without an evaluator.
    /// </summary>
    private static string Evaluate(PolicyEvaluator? evaluator, CausalLanguageModel policy, int done, int total, IProgress<DefaultModelProgress>? progress)
    {
        if (evaluator is null)
        {
            return "";
        }

        progress?.Report(new DefaultModelProgress("eval", done, total, $"sampling {evaluator.Prompts.Count} held-out prompts"));
        var evaluation = evaluator.Evaluate(policy, 0);
        progress?.Report(new DefaultModelProgress("eval", done + 1, total, $"{done + 1} of {total} policies evaluated"));
        var b = evaluation.Behaviour;
        var sycophancy = b.SycophancyRate?.ToString("F2", CultureInfo.InvariantCulture) ?? "-";
        return string.Create(
            CultureInfo.InvariantCulture,
            $". Held-out ({b.Count} prompts): gold {evaluation.GoldScore:F2}, KL {evaluation.Kl:F2}, accuracy {b.Accuracy:F2}, sycophancy {sycophancy}, confident-wrong {b.ConfidentWrongRate:F2}, hedging {b.HedgingRate:F2}, length {b.MeanLength:F0}");
    }

    private static string Publish(string folder, string staging, string id)
    {
        var target = Path.Combine(folder, id);
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.Move(Path.Combine(staging, id), target);
        return Path.GetFullPath(Path.Combine(target, SupervisedTrainer.ModelFile));
    }

    private static ModelManifestEntry Save(string folder, string id, CausalLanguageModel policy, string description)
    {
        var directory = Path.Combine(folder, id);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, SupervisedTrainer.ModelFile);
        ModelCheckpoint.Save(policy, path, new Dictionary<string, string> { [DescriptionKey] = description });
        return new ModelManifestEntry { Id = id, Path = Path.GetFullPath(path), Description = description };
    }

    private sealed class Reporter<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
