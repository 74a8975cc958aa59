namespace Goodhart.Web.Workbench.Debate;

/// <summary>Body of <c>POST /api/debate/sessions</c>; unset fields take the defaults.</summary>
public sealed record DebateStartRequest
{
    /// <summary>The seed of the rounds: which images, which lies, which side is honest (0 to 2^31 - 1, default 0).</summary>
    public long? Seed { get; init; }

    /// <summary>Pixels revealed per debate, one of the server's k (default the largest, 6).</summary>
    public int? Pixels { get; init; }

    /// <summary>How the debaters search: <c>greedy</c> (default) or <c>mcts</c>.</summary>
    public string? Debater { get; init; }
}
