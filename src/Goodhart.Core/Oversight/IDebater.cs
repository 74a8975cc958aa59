namespace Goodhart.Core.Oversight;

/// <summary>A debater's search: given the debate so far, the pixel the side to move reveals next.</summary>
public interface IDebater
{
    /// <summary>What the debater is called in recipes and on the workbench (<c>greedy</c>, <c>mcts</c>).</summary>
    string Name { get; }

    /// <summary>The pixel the side to move in <paramref name="game"/> reveals (a legal move; throws when the debate is over).</summary>
    int ChooseMove(ISparseJudge judge, float[] image, DebateGame game);
}
