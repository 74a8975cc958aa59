namespace Goodhart.Core.Oversight;

/// <summary>The one-move-ahead search of <see cref="GreedyDebater"/> as an <see cref="IDebater"/>.</summary>
public sealed class GreedySearch : IDebater
{
    /// <summary>The one instance (the search holds no state).</summary>
    public static readonly GreedySearch Instance = new();

    private GreedySearch()
    {
    }

    /// <inheritdoc />
    public string Name => "greedy";

    /// <inheritdoc />
    public int ChooseMove(ISparseJudge judge, float[] image, DebateGame game) => GreedyDebater.ChooseMove(judge, image, game);
}
