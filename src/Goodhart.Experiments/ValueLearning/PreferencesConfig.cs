using Goodhart.Core.ValueLearning;

namespace Goodhart.Experiments.ValueLearning;

/// <summary>The <c>reward-from-preferences</c> kind's configuration: the env and the preference-learning settings.</summary>
public sealed record PreferencesConfig
{
    /// <summary>Env id (see <c>goodhart envs</c>).</summary>
    public string Env { get; init; } = "boat_race";

    /// <summary>Level constant overrides, <c>name=value</c>.</summary>
    public IReadOnlyList<string> Set { get; init; } = [];

    /// <summary>Rounds, queries, overseer, selection, ensemble, conservative reward and the learner (<see cref="PreferenceLearningOptions"/>).</summary>
    public PreferenceLearningOptions Settings { get; init; } = new();
}
