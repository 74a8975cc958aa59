using System.Globalization;
using Goodhart.Core.Rlhf;
using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Rlhf;
using Xunit.Abstractions;

namespace Goodhart.Learning.Tests.Rlhf;

/// <summary>
/// A probe of what the scalar reward model needs to learn the rater's arithmetic check (docs/rlhf.md): labels
/// GOODHART_PROBE_PAIRS [16000] pairs of the cached SFT policy's samples (GOODHART_RLHF_SFT; trained and saved there first
/// when missing) with GOODHART_RLHF_RATER
/// [typical] once, then trains one reward model per entry of GOODHART_PROBE_GRID (<c>pairs:lr:epochs[:mean]</c> separated by
/// <c>;</c>) on the first <c>pairs</c> pairs, and reports held-out accuracy against the labels, against gold, and on
/// easy right-vs-wrong pairs (the check). Writes probe.md to GOODHART_RLHF_OUT.
/// </summary>
[Trait("Category", "Slow")]
public class RewardModelProbeTests(ITestOutputHelper output)
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private static string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : fallback;

    [Fact]
    public void Reward_model_check_accuracy_by_data_and_learning_rate()
    {
        var folder = Env("GOODHART_RLHF_OUT", Directory.CreateTempSubdirectory("goodhart-rmprobe-").FullName);
        Directory.CreateDirectory(folder);
        var seed = ulong.Parse(Env("GOODHART_RLHF_SEED", "1"), C);
        var rater = Env("GOODHART_RLHF_RATER", "typical");
        var sftPath = Env("GOODHART_RLHF_SFT", Path.Combine(folder, "sft.safetensors"));
        var pairsCount = int.Parse(Env("GOODHART_PROBE_PAIRS", "16000"), C);
        var grid = Env("GOODHART_PROBE_GRID", "2000:1e-3:2;2000:1e-4:4;16000:1e-3:2;16000:1e-4:2").Split(';');
        void Log(string line)
        {
            var stamped = $"{DateTime.UtcNow:HH:mm:ss} {line}";
            output.WriteLine(stamped);
            File.AppendAllText(Path.Combine(folder, "probe.md"), line + Environment.NewLine);
        }

        TorchRuntime.Initialize();
        TorchSharp.torch.set_num_threads(1);
        var pipeline = new RlhfPipeline(new RlhfPipelineOptions { Seed = seed, Rater = rater });
        if (!File.Exists(sftPath))
        {
            using var trained = pipeline.TrainPolicy(pipeline.SftCorpus()).Policy;
            ModelCheckpoint.Save(trained, sftPath);
        }

        using var policy = ModelCheckpoint.LoadLanguageModel(sftPath);
        var train = pipeline.LabelPairs(policy, pairsCount);
        var held = pipeline.LabelPairs(policy, 600, heldOut: true);
        Log($"# Reward-model probe, `{rater}`, seed {seed}: {train.Count} train pairs, {held.Count} held out\n");
        Log("| pairs | lr | epochs | pooling | steps | seconds | accuracy vs labels | accuracy vs gold | easy right-vs-wrong |\n|---:|---:|---:|---|---:|---:|---:|---:|---:|");
        foreach (var entry in grid)
        {
            var parts = entry.Split(':');
            var n = Math.Min(train.Count, int.Parse(parts[0], C));
            var options = new RewardModelOptions
            {
                LearningRate = double.Parse(parts[1], C), Epochs = int.Parse(parts[2], C), Seed = seed,
                Pooling = parts.Length > 3 && parts[3] == "mean" ? RewardPooling.ResponseMean : RewardPooling.LastToken,
            };
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var trainer = RewardModelTrainer.Create(policy, options);
            var result = trainer.Train([.. train.Take(n)]);
            var e = RewardModelEvaluation.Of(trainer.Model, held);
            var easy = RewardModelEvaluation.CheckAccuracy(trainer.Model, held);
            Log(string.Create(C, $"| {n} | {options.LearningRate:g} | {options.Epochs} | {options.Pooling} | {result.History.Count} | {clock.Elapsed.TotalSeconds:0} | {e.Accuracy:0.000} | {e.GoldAccuracy:0.000} | {easy.Accuracy:0.000} ({easy.Count}) |"));
            trainer.Model.Dispose();
        }
    }
}
