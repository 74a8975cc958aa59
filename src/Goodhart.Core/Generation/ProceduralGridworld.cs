using Goodhart.Core.Environments;
using Goodhart.Core.Levels;
using Goodhart.Core.Randomness;

namespace Goodhart.Core.Generation;

/// <summary>
/// A gridworld whose level is drawn afresh at every reset by an <see cref="ILevelGenerator"/> (procedural generation,
/// as in procgen). The level file's map fixes the size and serves as a sample; a level whose name starts with
/// <c>test</c> draws from the shifted test distribution, any other from the training distribution with the
/// <c>decorrelation_share</c> constant. With <c>training_levels</c> above 0 the training distribution is a fixed pool
/// of that many levels (level i drawn from <c>Derive(level_seed, i)</c>), each reset picking one uniformly; test
/// levels are always fresh. The drawn level lives in the board and <see cref="Gridworld.Vars"/>, so snapshots capture it.
/// </summary>
public abstract class ProceduralGridworld : Gridworld
{
    /// <summary>Vars slot holding 1 when this episode's level is decorrelated.</summary>
    protected const int DecorrelatedVar = 0;

    /// <summary>Vars slots the base uses; subclasses put theirs after.</summary>
    protected const int BaseVarCount = 1;

    private readonly byte[] _drawn;
    private readonly int _trainingLevels;
    private readonly ulong _levelSeed;

    /// <param name="definition">The level (its map's size is the generated levels' size).</param>
    /// <param name="makeGenerator">Builds the family's generator for the map's height and width from the constants.</param>
    /// <param name="varCount">Vars the subclass needs after <see cref="BaseVarCount"/>.</param>
    protected ProceduralGridworld(GridworldDefinition definition, Func<int, int, ILevelGenerator> makeGenerator, int varCount)
        : base(definition, BaseVarCount + varCount)
    {
        ArgumentNullException.ThrowIfNull(makeGenerator);
        try
        {
            Generator = makeGenerator(Height, Width);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new LevelFormatException(definition.SourceFile, 1, 0, $"level '{definition.Level}': {FirstLine(e.Message)}");
        }
        Shifted = definition.Level.StartsWith("test", StringComparison.Ordinal);
        DecorrelationShare = definition.Constants.GetProbability("decorrelation_share", 0);
        _trainingLevels = definition.Constants.GetInt("training_levels", 0, 0, 1_000_000);
        _levelSeed = (ulong)definition.Constants.GetInt("level_seed", 0, 0, int.MaxValue);
        _drawn = new byte[Height * Width];
    }

    /// <summary>The family's generator.</summary>
    public ILevelGenerator Generator { get; }

    /// <summary>True on test levels (the shifted distribution).</summary>
    public bool Shifted { get; }

    /// <summary>The share of decorrelated training levels.</summary>
    public double DecorrelationShare { get; }

    /// <summary>Whether this episode's level separates goal and proxy.</summary>
    public bool LevelDecorrelated => Vars[DecorrelatedVar] != 0;

    /// <summary>The distribution this env draws from.</summary>
    public LevelDistribution Distribution => Shifted ? LevelDistribution.Test : LevelDistribution.Training(DecorrelationShare);

    /// <inheritdoc />
    protected override void OnReset()
    {
        bool decorrelated;
        if (_trainingLevels > 0 && !Shifted)
        {
            var pooled = new Xoshiro256(Xoshiro256.Derive(_levelSeed, (ulong)Rng.NextInt(_trainingLevels)));
            decorrelated = Generator.Draw(ref pooled, Distribution, _drawn);
        }
        else
            decorrelated = Generator.Draw(ref Rng, Distribution, _drawn);
        Vars[DecorrelatedVar] = decorrelated ? 1 : 0;
        for (var i = 0; i < _drawn.Length; i++)
        {
            Cells[i] = _drawn[i];
            Floor[i] = _drawn[i] == AgentTile ? EmptyTile : _drawn[i];
            if (_drawn[i] == AgentTile)
                AgentPosition = i;
        }
        OnLevelDrawn();
    }

    /// <summary>The cells (row-major) of the intended goal on the current board: the goal tile, the closed chests.</summary>
    public abstract IReadOnlyList<int> GoalCells();

    /// <summary>The cells of the proxy target on the current board: the corner region, the keys.</summary>
    public abstract IReadOnlyList<int> ProxyCells();

    /// <summary>The cells of the floor showing <paramref name="tile"/>.</summary>
    protected IReadOnlyList<int> FloorCells(byte tile)
    {
        var cells = new List<int>();
        for (var i = 0; i < Floor.Length; i++)
        {
            if (Floor[i] == tile)
                cells.Add(i);
        }
        return cells;
    }

    /// <summary>Called after the level was drawn onto the board (set per-episode counters here).</summary>
    protected abstract void OnLevelDrawn();

    private static string FirstLine(string message)
    {
        var end = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
