using Goodhart.Core.Oversight;

namespace Goodhart.Web.Workbench.Debate;

/// <summary>
/// The debate page's judge, data and limits (defaults in brackets). The defaults train the same judge as the
/// <c>debate-fashion-mnist</c> recipe's seed-1 cell at scale <c>small</c> (docs/oversight.md).
/// </summary>
public sealed record DebateOptions
{
    /// <summary>The debate lengths k a session may choose, each with its own judge trained on k random pixels [4, 6].</summary>
    public IReadOnlyList<int> Pixels { get; init; } = [4, 6];

    /// <summary>The judge's hidden width [64].</summary>
    public int JudgeHidden { get; init; } = 64;

    /// <summary>The judge's training steps [600].</summary>
    public int JudgeSteps { get; init; } = 600;

    /// <summary>Images per training step [128].</summary>
    public int JudgeBatchSize { get; init; } = 128;

    /// <summary>Training images the judge learns from, the first of the training split [60,000].</summary>
    public int TrainImages { get; init; } = 60_000;

    /// <summary>Test images a round's image is drawn from, the first of the test split [10,000].</summary>
    public int TestImages { get; init; } = 10_000;

    /// <summary>The seed the judges derive from (k's judge: Derive(seed, k), as the recipe's cells do) [1].</summary>
    public ulong JudgeSeed { get; init; } = 1;

    /// <summary>The folder with Fashion-MNIST's four .gz files (null: $GOODHART_FASHION_MNIST, else Debian's folder).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>How the <c>mcts</c> debaters search [64 simulations per move over the 16 best moves, greedy rollouts].</summary>
    public MctsOptions Mcts { get; init; } = new();

    /// <summary>Debate sessions kept at once [8]; a new one replaces only a session idle for <see cref="SessionIdleSeconds"/>.</summary>
    public int SessionsKept { get; init; } = 8;

    /// <summary>Seconds without a request after which a session may be dropped to make room [600].</summary>
    public int SessionIdleSeconds { get; init; } = 600;

    /// <summary>New sessions one client address may start per minute [6].</summary>
    public int SessionsPerClientPerMinute { get; init; } = 6;

    /// <summary>Rounds one session may play [100].</summary>
    public int RoundsPerSession { get; init; } = 100;
}
