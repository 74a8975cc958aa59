namespace Goodhart.Core.ValueLearning;

/// <summary>
/// Features of a transition that transfer between maps: a one-hot of the start map's tile under the agent after the
/// move (floor, goal, lava, other), read from the next state's board (where <c>A</c> stands) and the start board (the
/// agent's start counts as floor). Terminal self-loops have no features.
/// </summary>
public static class TileFeatures
{
    /// <summary>The feature names, in order.</summary>
    public static readonly IReadOnlyList<string> Names = ["floor", "goal", "lava", "other"];

    /// <summary>phi[s][a][k] for every transition of <paramref name="space"/>.</summary>
    public static double[][][] Compute(StateSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        var start = space.Board(space.Start).ToArray();
        var phi = new double[space.Count][][];
        for (var s = 0; s < space.Count; s++)
        {
            phi[s] = new double[space.Actions][];
            for (var a = 0; a < space.Actions; a++)
            {
                phi[s][a] = new double[Names.Count];
                if (space.IsTerminal(s))
                    continue;
                var at = space.Board(space.Next(s, a)).IndexOf((byte)'A');
                var tile = at < 0 || at >= start.Length ? (byte)' ' : start[at];
                phi[s][a][tile switch { (byte)' ' or (byte)'A' => 0, (byte)'G' => 1, (byte)'L' => 2, _ => 3 }] = 1;
            }
        }
        return phi;
    }
}
