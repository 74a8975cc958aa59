using System.Text.Json;
using System.Text.Json.Serialization;
using Goodhart.Core.Runs;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// The JSON file beside an RLHF trainer's checkpoint tensors (<c>trainer_state.json</c>): what ran, the steps taken,
/// the options it ran with (as JSON, compared on resume) and everything the run had measured so far, so a resumed
/// run returns the same result as an uninterrupted one.
/// </summary>
/// <param name="Method">The trainer: <c>dpo</c>, <c>ppo</c> or <c>reward_model</c>.</param>
/// <param name="GlobalStep">Optimizer steps (DPO, reward model) or iterations (PPO) taken.</param>
/// <param name="Options">The trainer's options record serialised as JSON.</param>
/// <param name="Metrics">The per-step and evaluation metrics so far (DPO, PPO).</param>
/// <param name="Evaluations">The evaluation points so far (DPO, PPO).</param>
/// <param name="History">The steps so far (reward model).</param>
public sealed record RlhfCheckpointState(
    string Method,
    int GlobalStep,
    string Options,
    IReadOnlyList<MetricPoint> Metrics,
    IReadOnlyList<PolicyEvaluation> Evaluations,
    IReadOnlyList<RewardModelStep> History)
{
    /// <summary>Indented snake_case JSON; NaN and infinities written as named literals; doubles round-trip exactly.</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
