namespace Goodhart.Experiments.ValueLearning;

/// <summary>The <c>irl-vs-bc</c> kind's configuration: the training map the oracle demonstrates on, the maps evaluated, and the IRL fit.</summary>
public sealed record IrlVsBcConfig
{
    /// <summary>The env id of the training map (deterministic; the demonstrations come from it).</summary>
    public string Train { get; init; } = "distributional_shift:train";

    /// <summary>The env ids evaluated (1 to 16; the training map may be among them).</summary>
    public IReadOnlyList<string> Evaluate { get; init; } = ["distributional_shift:train", "distributional_shift:test1", "distributional_shift:test2", "distributional_shift:test"];

    /// <summary>Oracle demonstrations (1 to 100; on a fixed map they are all the same episode).</summary>
    public int Demos { get; init; } = 1;

    /// <summary>Gradient-ascent steps of maximum-entropy IRL (1 to 10,000).</summary>
    public int Iterations { get; init; } = 300;

    /// <summary>The IRL learning rate (finite, in (0, 100]).</summary>
    public double LearningRate { get; init; } = 0.5;

    /// <summary>Evaluation episodes per map and method (1 to 1,000).</summary>
    public int Episodes { get; init; } = 20;

    /// <summary>
    /// A play file (JSON Lines, <see cref="Core.ValueLearning.RecordedPlays"/>; relative to the working folder) whose plays on
    /// <see cref="Train"/> are the demonstrations instead of the oracle's (null: the oracle demonstrates; <see cref="Demos"/> is then unused).
    /// </summary>
    public string? Plays { get; init; }
}
