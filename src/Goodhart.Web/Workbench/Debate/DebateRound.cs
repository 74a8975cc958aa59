using Goodhart.Core.Oversight;
using Goodhart.Core.Randomness;

namespace Goodhart.Web.Workbench.Debate;

/// <summary>
/// One round of a session: a test image, an honest and a lying debater shown to the person as A and B (A reveals
/// first; which of them is honest is drawn at random and kept from the page until the verdict), the debate so far,
/// and once judged, the outcome. Drawn from the session's seed and the round's number only, so a seed replays.
/// </summary>
internal sealed class DebateRound
{
    private readonly float[] _image;
    private readonly IDebater _debater;
    private readonly ISparseJudge _judge;
    private readonly LabelledImages _test;

    public DebateRound(int number, ulong sessionSeed, int pixels, string debaterName, MctsOptions mcts, LabelledImages test, ISparseJudge judge)
    {
        Number = number;
        _test = test;
        _judge = judge;
        var rng = new Xoshiro256(Xoshiro256.Derive(sessionSeed, (ulong)number));
        ImageIndex = rng.NextInt(test.Count);
        TrueLabel = test.Labels[ImageIndex];
        var lie = rng.NextInt(test.Classes - 1);
        Lie = lie >= TrueLabel ? lie + 1 : lie;
        HonestIsA = rng.NextInt(2) == 0;
        _image = test.Image(ImageIndex);
        _debater = Debaters.Create(debaterName, mcts, rng.NextUInt64());
        Game = new DebateGame(_image.Length, test.Classes, TrueLabel, Lie, new DebateRules(pixels, Precommit: true, HonestFirst: HonestIsA));
    }

    /// <summary>The round's number in its session, from 1.</summary>
    public int Number { get; }

    /// <summary>The test image debated (its index in the test split).</summary>
    public int ImageIndex { get; }

    public int TrueLabel { get; }

    public int Lie { get; }

    /// <summary>Whether debater A (who reveals first) is the honest one.</summary>
    public bool HonestIsA { get; }

    public DebateGame Game { get; }

    /// <summary>The label debater A claims.</summary>
    public int ClaimA => HonestIsA ? TrueLabel : Lie;

    /// <summary>The label debater B claims.</summary>
    public int ClaimB => HonestIsA ? Lie : TrueLabel;

    /// <summary>The outcome, once the person has judged.</summary>
    public DebateOutcome? Outcome { get; set; }

    /// <summary>"a" or "b": who revealed the <paramref name="turn"/>-th pixel (A reveals on even turns).</summary>
    public static string SideOfTurn(int turn) => turn % 2 == 0 ? "a" : "b";

    /// <summary>The side to move ("a" or "b"), or null when every pixel is revealed.</summary>
    public string? Next => Game.IsOver ? null : SideOfTurn(Game.Revealed.Count);

    /// <summary>The debater to move reveals its pixel (the caller holds the lab's compute lock).</summary>
    public int Step()
    {
        var pixel = _debater.ChooseMove(_judge, _image, Game);
        Game.Reveal(pixel);
        return pixel;
    }

    /// <summary>The sparse judge's class scores from the revealed pixels (the caller holds the lab's compute lock).</summary>
    public float[] JudgeLogits() => _judge.Logits(_image, Game.Revealed);

    /// <summary>The image's pixel <paramref name="pixel"/> as 0-255.</summary>
    public int Value(int pixel) => _test.Pixels[(ImageIndex * _test.PixelCount) + pixel];

    /// <summary>The whole image as 0-255 values, row after row (shown once the round is judged).</summary>
    public int[] WholeImage() => [.. Enumerable.Range(0, _test.PixelCount).Select(Value)];

    /// <summary>Image width in pixels.</summary>
    public int Width => _test.Width;
}
