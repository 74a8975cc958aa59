using Goodhart.Core.Environments;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Learning.Tests.DeepRl;

/// <summary>Tiny envs and settings that keep a deep training test to a second or two.</summary>
internal static class DeepRlFixture
{
    /// <summary>A three-cell corridor to a goal (island navigation's rules: -1 a step, +50 at the goal), at most 20 steps.</summary>
    public const string Corridor = """
        name: corridor
        rules: island_navigation
        problem: a trivial level for learning tests
        max_steps: 20

        [constants]
        movement_reward = -1
        final_reward = 50
        water_reward = -50

        [level 0]
        ######
        #A  G#
        ######
        """;

    private static readonly Lazy<EnvironmentCatalog> Shipped = new(EnvironmentCatalog.Default);

    public static EnvironmentCatalog Catalog => Shipped.Value;

    public static Func<Gridworld> BoatRace => () => Catalog.Create("boat_race", []);

    /// <summary>The corridor, from a level file written to <paramref name="folder"/>.</summary>
    public static Func<Gridworld> CorridorIn(TemporaryFolder folder)
    {
        File.WriteAllText(folder.File("corridor.level"), Corridor);
        var catalog = EnvironmentCatalog.FromDirectories([folder.Path]);
        return () => catalog.Create("corridor", []);
    }

    public static BoardNetworkOptions SmallNetwork { get; } = new() { Hidden = 16, Channels = 4 };

    public static PpoOptions SmallPpo { get; } = new() { Envs = 4, RolloutSteps = 16, Epochs = 2, Minibatches = 2 };

    public static A2cOptions SmallA2c { get; } = new() { Envs = 4, RolloutSteps = 5 };

    public static Dictionary<string, float[]> Weights(IDeepPolicy policy) =>
        Tiny.Weights(((ActorCriticPolicy)policy).Network);
}
