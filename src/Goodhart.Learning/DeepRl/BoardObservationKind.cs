namespace Goodhart.Learning.DeepRl;

/// <summary>What the board network sees of the board (<see cref="BoardObservation"/>).</summary>
public enum BoardObservationKind
{
    /// <summary>The one-hot planes of the whole board as it lies (default: every figure before the egocentric option).</summary>
    Board,

    /// <summary>
    /// Agent-centred: the planes shifted so the agent's cell is the centre of a (2H-1) x (2W-1) window, cells outside
    /// the board drawn as wall. "Towards the object" is then the same input wherever the agent stands.
    /// </summary>
    Egocentric,
}
