namespace Goodhart.Learning.DeepRl;

/// <summary>
/// The diagnostics of one update, by CleanRL's names: <c>policy_loss</c>, <c>value_loss</c>, <c>entropy</c>,
/// <c>approx_kl</c>, <c>clipfrac</c>, <c>explained_variance</c>, <c>learning_rate</c> (and whatever else an agent reports:
/// TD error, Q values).
/// </summary>
/// <param name="Update">1-based update index.</param>
/// <param name="EnvSteps">Env steps (all copies) taken by the end of the update's rollout.</param>
/// <param name="Values">Diagnostic values by name.</param>
public sealed record DeepUpdateStatistics(int Update, long EnvSteps, IReadOnlyDictionary<string, double> Values);
