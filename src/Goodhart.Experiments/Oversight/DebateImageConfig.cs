using Goodhart.Core;
using Goodhart.Core.Oversight;
using Goodhart.Learning;

namespace Goodhart.Experiments.Oversight;

/// <summary>The <c>debate-image</c> kind's configuration (recipe fields in snake_case).</summary>
public sealed record DebateImageConfig
{
    /// <summary>The most training images, test images or judge steps a recipe may ask for.</summary>
    public const int MaxImages = 60_000;

    /// <summary>The most judge training steps.</summary>
    public const int MaxSteps = 1_000_000;

    /// <summary>The debate lengths k to run, each with its own judge trained on k random pixels (the paper's 4 and 6).</summary>
    public IReadOnlyList<int> Pixels { get; init; } = [4, 6];

    /// <summary>Training images the judge learns from (the first ones of the training split).</summary>
    public int TrainImages { get; init; } = 60_000;

    /// <summary>Judge training steps.</summary>
    public int JudgeSteps { get; init; } = 3000;

    /// <summary>Images per judge step.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>The judge's hidden width.</summary>
    public int Hidden { get; init; } = 256;

    /// <summary>The judge's learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Test images for the judge's accuracy from k random pixels (one mask each).</summary>
    public int BaselineImages { get; init; } = 10_000;

    /// <summary>Test images debated (each: one debate per wrong label with precommitment, one without).</summary>
    public int DebateImages { get; init; } = 200;

    /// <summary>The folder holding Fashion-MNIST's four .gz files (null: $GOODHART_FASHION_MNIST, else Debian's /usr/share/datasets/fashion-mnist).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Whether the honest debater reveals the first pixel.</summary>
    public bool HonestFirst { get; init; } = true;

    /// <summary>How both debaters search: <c>greedy</c> (one move ahead) or <c>mcts</c> (Monte Carlo tree search, <see cref="MctsDebater"/>).</summary>
    public string Debater { get; init; } = Debaters.Greedy;

    /// <summary>MCTS: simulations per move (1 to <see cref="MctsOptions.MaxSimulations"/>).</summary>
    public int MctsSimulations { get; init; } = 64;

    /// <summary>MCTS: moves considered per node, the best one move ahead (1 to <see cref="MctsOptions.MaxBreadth"/>).</summary>
    public int MctsBreadth { get; init; } = 16;

    /// <summary>MCTS: UCT's exploration constant (0 to <see cref="MctsOptions.MaxExploration"/>).</summary>
    public double MctsExploration { get; init; } = 1.4;

    /// <summary>MCTS: how a new leaf is scored, <c>greedy</c> or <c>random</c> play to the end.</summary>
    public string MctsRollout { get; init; } = "greedy";

    /// <summary>
    /// Torch's intra-op threads for the cell, pinned at its start (<c>TorchRuntime.UseThreads</c>): a different count
    /// changes the last bits of torch's sums, and with them a judge's or a student's accuracy by an image or two, so the
    /// same seed gives the same numbers on any machine only with the same count; default 1 (1 to 256).
    /// </summary>
    public int TorchThreads { get; init; } = 1;

    /// <summary>The MCTS settings (throws <see cref="UserInputException"/> naming the field when out of range).</summary>
    public MctsOptions Mcts()
    {
        var options = new MctsOptions(MctsSimulations, MctsBreadth, MctsExploration, Debaters.ParseRollout(MctsRollout, "mcts_rollout"));
        options.Validate();
        return options;
    }

    /// <summary>Throws <see cref="UserInputException"/> naming the field when out of range.</summary>
    public void Validate()
    {
        if (Pixels.Count == 0)
            throw new UserInputException("pixels: name at least one debate length");
        foreach (var k in Pixels)
            new DebateRules(k).Validate();
        Check("train_images", TrainImages, 1, MaxImages);
        Check("judge_steps", JudgeSteps, 1, MaxSteps);
        Check("batch_size", BatchSize, 1, 4096);
        Check("hidden", Hidden, 1, 4096);
        Check("baseline_images", BaselineImages, 1, 10_000);
        Check("debate_images", DebateImages, 1, 10_000);
        Check("torch_threads", TorchThreads, 1, TorchRuntime.MaxThreads);
        if (!(LearningRate > 0 && LearningRate <= 1))
            throw new UserInputException($"learning_rate: {LearningRate} is out of range (0, 1]");
        Debaters.Check(Debater, "debater");
        Mcts();
    }

    private static void Check(string field, int value, int min, int max)
    {
        if (value < min || value > max)
            throw new UserInputException($"{field}: {value} is out of range ({min} to {max})");
    }
}
