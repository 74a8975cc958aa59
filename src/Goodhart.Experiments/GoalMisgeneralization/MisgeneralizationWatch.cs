using Goodhart.Core.Environments;
using Goodhart.Core.Generation;
using Goodhart.Core.Randomness;

namespace Goodhart.Experiments.GoalMisgeneralization;

/// <summary>
/// The workbench's view of the experiment: train one learner as a cell of the <c>goal-misgeneralization</c> kind would
/// (same streams from the seed), then play it on fresh test levels it never saw, keeping every board.
/// </summary>
public static class MisgeneralizationWatch
{
    private static readonly Lazy<EnvironmentCatalog> Catalog = new(EnvironmentCatalog.Default);

    /// <summary>Checks <paramref name="config"/> as a recipe cell's (<see cref="Core.UserInputException"/> naming the field).</summary>
    public static void Validate(GoalMisgeneralizationConfig config) => ExperimentCatalog.Get("goal-misgeneralization").Validate(config);

    /// <summary>Trains the configured learner from <paramref name="seed"/> without checkpoints; the caller disposes the policy.</summary>
    public static IGoalPolicy Train(GoalMisgeneralizationConfig config, ulong seed, IProgress<double>? progress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(config);
        var overrides = config.TrainingOverrides(seed);
        var learner = GoalLearners.Create(config.Agent, config);
        return learner.Train(() => Catalog.Value.Create(config.Family, overrides), config.Steps,
            Xoshiro256.Derive(seed, GoalMisgeneralizationKind.LearnerStream), null, null, null, progress, cancellation);
    }

    /// <summary>Plays <paramref name="policy"/> on <paramref name="count"/> test levels of <paramref name="family"/>, level i drawn from <c>Derive(seed, i)</c>.</summary>
    public static IReadOnlyList<WatchedEpisode> Play(IGoalPolicy policy, string family, IReadOnlyList<string> set, ulong seed, int count)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var env = (ProceduralGridworld)Catalog.Value.Create($"{family}:test", set);
        var episodes = new List<WatchedEpisode>(count);
        for (var i = 0; i < count; i++)
        {
            env.Reset(Xoshiro256.Derive(seed, (ulong)i));
            var width = env.Spec.Width;
            (int, int) At(int cell) => (cell / width, cell % width);
            var goal = env.GoalCells().Select(At).ToList();
            var proxy = env.ProxyCells().Select(At).ToList();
            var frames = new List<IReadOnlyList<string>> { LevelGeneration.ToRows(env.Board, width) };
            var actions = new System.Text.StringBuilder();
            while (true)
            {
                var action = policy.Act(env);
                var t = env.Step(action);
                actions.Append(ActionString.ToChar((GridAction)action));
                frames.Add(LevelGeneration.ToRows(env.Board, width));
                if (t.Done)
                    break;
            }
            var outcome = env.LastOutcome!;
            episodes.Add(new WatchedEpisode(frames, actions.ToString(), goal, proxy, MisgeneralizationOutcome.Of(outcome), outcome.Return));
        }
        return episodes;
    }
}
