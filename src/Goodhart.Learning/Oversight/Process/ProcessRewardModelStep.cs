namespace Goodhart.Learning.Oversight.Process;

/// <summary>One step of process-reward-model training.</summary>
/// <param name="Step">Steps taken (1-based).</param>
/// <param name="Steps">Steps of the run.</param>
/// <param name="Loss">The batch's binary cross-entropy.</param>
/// <param name="Accuracy">Share of the batch's step labels the model got right (logit sign).</param>
public sealed record ProcessRewardModelStep(int Step, int Steps, double Loss, double Accuracy);
