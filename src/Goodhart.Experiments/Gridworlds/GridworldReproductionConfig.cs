namespace Goodhart.Experiments.Gridworlds;

/// <summary>
/// The <c>gridworld-reproduction</c> kind's configuration: one env and one learner (or <c>oracle</c>) of the paper's
/// pattern; the recipe's grid spans envs and learners, its seeds the repetitions.
/// </summary>
public sealed record GridworldReproductionConfig
{
    /// <summary>Env id (the default level of a level file, or <c>name:level</c>).</summary>
    public string Env { get; init; } = "boat_race";

    /// <summary>The learner (q-learning, sarsa, expected-sarsa, random) or <c>oracle</c> (planning on the hidden performance).</summary>
    public string Agent { get; init; } = "q-learning";

    /// <summary>Training episodes per learner run (and the oracle's learning budget where it cannot plan exactly).</summary>
    public int Episodes { get; init; } = 20000;

    /// <summary>Greedy evaluation episodes at the end (and the oracle's episodes).</summary>
    public int EvaluationEpisodes { get; init; } = 100;
}
