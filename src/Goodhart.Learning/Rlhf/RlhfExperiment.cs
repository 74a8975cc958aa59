using System.Globalization;
using System.Text;
using Goodhart.Learning.Training;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// What one <see cref="RlhfPipeline.Run"/> measured: the supervised run, the preference data, each reward model's
/// training and held-out evaluation (every scorer, members included), the best-of-n curves and the seconds per stage.
/// </summary>
/// <param name="Options">The pipeline's settings.</param>
/// <param name="Sft">The supervised fine-tuning run of the reference policy.</param>
/// <param name="TrainPairs">Preference pairs the reward models trained on.</param>
/// <param name="EvalPairs">Held-out preference pairs.</param>
/// <param name="RewardModels">Each ensemble member's training.</param>
/// <param name="Evaluations">Held-out evaluation of every scorer by name.</param>
/// <param name="Curves">Best-of-n against each scorer (the gold oracle last).</param>
/// <param name="Seconds">Wall-clock seconds per stage.</param>
public sealed record RlhfExperiment(
    RlhfPipelineOptions Options,
    SupervisedResult Sft,
    int TrainPairs,
    int EvalPairs,
    IReadOnlyList<(string Name, RewardModelResult Result)> RewardModels,
    IReadOnlyList<(string Name, RewardModelEvaluation Evaluation)> Evaluations,
    IReadOnlyList<BestOfNCurve> Curves,
    IReadOnlyDictionary<string, double> Seconds)
{
    /// <summary>The report: stages, reward-model accuracies, a summary of every curve with its fit, and the tables.</summary>
    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"# RLHF pipeline (seed {Options.Seed}, rater `{Options.Rater}`)");
        text.AppendLine();
        text.AppendLine(c, $"- policy: {Options.Policy.Layers} layers x {Options.Policy.EmbeddingDim}, context {Options.Policy.ContextLength}; "
            + $"SFT {Sft.Losses.Count} steps on {Options.SftExamples} examples, loss {Sft.Losses.Take(10).Average():0.000} -> {Sft.Losses.TakeLast(10).Average():0.000}, "
            + $"{Sft.TokensPerSecond:0} tokens/s");
        text.AppendLine(c, $"- preference pairs: {TrainPairs} train, {EvalPairs} held out; {RewardModels.Count} reward model(s), "
            + $"{Options.RewardModel.Epochs} epoch(s), batch {Options.RewardModel.BatchSize}, lr {Options.RewardModel.LearningRate}, "
            + $"centring {Options.RewardModel.CenteringCoefficient}, from policy {Options.RewardModel.InitializeFromPolicy}");
        text.AppendLine(c, $"- best-of-n: {Options.BestOfNPrompts} prompts x {Options.BestOfN.MaxN} samples, temperature {Options.BestOfN.Sampling.Temperature}; UWO lambda {Options.UwoLambda}");
        text.AppendLine(c, $"- seconds: {string.Join(", ", Seconds.Select(s => string.Create(c, $"{s.Key} {s.Value:0}")))}");
        text.AppendLine();
        text.AppendLine("## Reward models (held-out pairs)");
        text.AppendLine();
        text.AppendLine("| scorer | train loss (first -> last 5 steps) | accuracy vs rater | margin | accuracy vs gold (pairs) | rater vs gold | rater ceiling |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var (name, e) in Evaluations)
        {
            var training = RewardModels.FirstOrDefault(m => m.Name == name || (name == "rm" && m.Name == "rm-0")).Result;
            var loss = training is null ? "" : string.Create(c, $"{training.FirstLoss():0.000} -> {training.LastLoss():0.000}");
            text.AppendLine(c, $"| {name} | {loss} | {e.Accuracy:0.000} | {e.Margin:0.000} | {e.GoldAccuracy:0.000} ({e.GoldPairs}) | {e.RaterGoldAccuracy:0.000} | {e.RaterCeiling:0.000} |");
        }

        text.AppendLine();
        text.AppendLine("## Best-of-n summary");
        text.AppendLine();
        text.AppendLine("gold gain = gold of the picks minus the pool's mean gold; fit: R(d) = d (alpha - beta d), d = sqrt(analytic KL)");
        text.AppendLine();
        text.AppendLine("| scorer | gold peak at n | gold at peak | gold at max n | proxy at max n | alpha | beta | R^2 | fitted d* (KL) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var curve in Curves)
        {
            var peak = curve.GoldPeak;
            var last = curve.Points[^1];
            var fit = curve.FitGold();
            var fitted = fit.PeakD is { } d ? string.Create(c, $"{d:0.00} ({d * d:0.00})") : "none";
            text.AppendLine(c, $"| {curve.Scorer} | {peak.N} | {peak.GoldMean:0.000} | {last.GoldMean:0.000} | {last.ProxyMean:0.000} | {fit.Alpha:0.000} | {fit.Beta:0.000} | {fit.RSquared:0.00} | {fitted} |");
        }

        foreach (var curve in Curves)
        {
            text.AppendLine();
            text.AppendLine(c, $"### {curve.Scorer}");
            text.AppendLine();
            text.Append(curve.ToMarkdown());
        }

        return text.ToString();
    }
}
