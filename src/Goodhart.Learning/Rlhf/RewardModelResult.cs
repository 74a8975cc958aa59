namespace Goodhart.Learning.Rlhf;

/// <summary>The outcome of <see cref="RewardModelTrainer.Train"/>: every step's batch metrics and the wall-clock seconds.</summary>
public sealed record RewardModelResult(IReadOnlyList<RewardModelStep> History, double Seconds)
{
    /// <summary>Mean of the first <paramref name="count"/> steps' losses (the start of the loss curve).</summary>
    public double FirstLoss(int count = 5) => History.Take(count).Average(s => s.Loss);

    /// <summary>Mean of the last <paramref name="count"/> steps' losses (the end of the loss curve).</summary>
    public double LastLoss(int count = 5) => History.TakeLast(count).Average(s => s.Loss);

    /// <summary>Mean batch accuracy of the last <paramref name="count"/> steps.</summary>
    public double LastAccuracy(int count = 5) => History.TakeLast(count).Average(s => s.Accuracy);
}
