using System.Globalization;
using Goodhart.Core.Runs;
using Goodhart.Learning.Models;
using Goodhart.Learning.Rlhf;
using Goodhart.Learning.Training;
using Xunit.Abstractions;

namespace Goodhart.Learning.Tests.Rlhf;

public class RlhfOptimisationExperimentTests(ITestOutputHelper output)
{
    /// <summary>The configuration measured in docs/rlhf-optimisation.md.</summary>
    public static RlhfOptimisationExperimentOptions Documented { get; } = new()
    {
        TorchThreads = 1,
        PpoAgainstRater = true,
        Raters = ["typical", "careful"],
    };

    [Fact]
    public void A_tiny_pipeline_runs_every_stage_and_evaluates_every_run()
    {
        var options = new RlhfOptimisationExperimentOptions
        {
            Model = new TransformerOptions { EmbeddingDim = 16, Layers = 1, Heads = 2 },
            SftExamples = 64,
            Sft = new SupervisedOptions { Steps = 3, BatchSize = 8 },
            EvalPrompts = 4,
            MaxNewTokens = 8,
            TrainPrompts = 16,
            Ppo = new PpoOptions { Steps = 2, BatchSize = 4, MiniBatches = 2, PpoEpochs = 1, MaxNewTokens = 8, EvalEvery = 1 },
            PpoAgainstRater = true,
            PreferencePrompts = 8,
            Dpo = new DpoOptions { Epochs = 1, BatchSize = 8, EvalEvery = 0 },
            Betas = [0.5],
            Raters = ["typical", "hurried"],
        };

        var sw = System.Diagnostics.Stopwatch.StartNew();
        var result = new RlhfOptimisationExperiment(options).Run(new CallbackLog(l => output.WriteLine($"{sw.Elapsed.TotalSeconds:F1} {l}")));

        Assert.Equal(3, result.Sft!.Losses.Count);
        Assert.Equal(0, result.SftEvaluation.Kl, 1e-5);
        Assert.Equal(["ppo-gold", "ppo-typical-utility"], result.Ppo.Select(r => r.Method));
        Assert.All(result.Ppo, r => Assert.Equal([0L, 1, 2], r.Evaluations.Select(e => e.Step)));
        Assert.Equal(
            ["dpo-typical-beta-0.5", "dpo-hurried-beta-0.5"],
            result.Dpo.Select(r => r.Method));
        Assert.Equal(["typical", "hurried"], result.Preferences.Select(p => p.Rater));
        Assert.All(result.Preferences, p => Assert.InRange(p.Count, 1, 8));
        Assert.All(result.Dpo, r => Assert.Equal(2, r.Evaluations.Count));
        var markdown = RlhfOptimisationReport.Markdown(result);
        Assert.Contains("| ppo-gold | 2 |", markdown, StringComparison.Ordinal);
        Assert.Contains("`objective/kl`", markdown, StringComparison.Ordinal);
        Assert.Contains("SFT: 3 steps", markdown, StringComparison.Ordinal);
    }

    /// <summary>
    /// The documented experiment (tens of minutes on two busy cores). Writes report.md and metrics.tsv to
    /// GOODHART_EXPERIMENT_OUT (default: a folder in the temp directory); the SFT policy is cached there.
    /// </summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void Documented_experiment_ppo_on_gold_raises_the_gold_score()
    {
        var folder = Environment.GetEnvironmentVariable("GOODHART_EXPERIMENT_OUT")
                     ?? Path.Combine(Path.GetTempPath(), "goodhart-rlhf-optimisation");
        Directory.CreateDirectory(folder);
        var experiment = new RlhfOptimisationExperiment(Documented with { SftCheckpoint = Path.Combine(folder, "sft.safetensors") });
        var log = new CallbackLog(line =>
        {
            output.WriteLine(line);
            File.AppendAllText(Path.Combine(folder, "log.txt"), line + Environment.NewLine);
        });

        var result = experiment.Run(log);

        var markdown = RlhfOptimisationReport.Markdown(result);
        File.WriteAllText(Path.Combine(folder, "report.md"), markdown);
        File.WriteAllLines(
            Path.Combine(folder, "metrics.tsv"),
            result.Ppo.Concat(result.Dpo).SelectMany(r => r.Metrics.Select(m => Line(r.Method, m))));
        output.WriteLine(markdown);
        var gold = result.Ppo.Single(r => r.Method == "ppo-gold");
        Assert.True(gold.Final!.GoldScore > result.SftEvaluation.GoldScore + 0.3,
            $"gold score {result.SftEvaluation.GoldScore} -> {gold.Final.GoldScore}");
        Assert.All(result.Dpo, r => Assert.True(r.Final!.Kl > 0));
    }

    private static string Line(string run, MetricPoint m) =>
        string.Create(CultureInfo.InvariantCulture, $"{run}\t{m.Step}\t{m.Name}\t{m.Value:R}");

    private sealed class CallbackLog(Action<string> write) : IProgress<string>
    {
        public void Report(string value) => write(value);
    }
}
