using Goodhart.Core;
using Goodhart.Learning;

namespace Goodhart.Experiments.Oversight;

/// <summary>The <c>weak-to-strong</c> kind's configuration (recipe fields in snake_case).</summary>
public sealed record WeakToStrongConfig
{
    /// <summary>Fashion-MNIST classification (ten classes, 784 pixels).</summary>
    public const string FashionMnistTask = "fashion-mnist";

    /// <summary>The RLHF world's "is this answer right?" (two classes; <see cref="Core.Oversight.AnswerCorrectnessData"/>).</summary>
    public const string AnswerCorrectnessTask = "answer-correctness";

    /// <summary>The tasks.</summary>
    public static readonly IReadOnlyList<string> Tasks = [FashionMnistTask, AnswerCorrectnessTask];

    /// <summary>The most examples in any split.</summary>
    public const int MaxExamples = 60_000;

    /// <summary>The task: <c>fashion-mnist</c> or <c>answer-correctness</c>.</summary>
    public string Task { get; init; } = FashionMnistTask;

    /// <summary>Hidden widths of the weak supervisor (empty: logistic regression).</summary>
    public IReadOnlyList<int> WeakHidden { get; init; } = [];

    /// <summary>Hidden widths of the strong student.</summary>
    public IReadOnlyList<int> StrongHidden { get; init; } = [512, 512];

    /// <summary>Ground-truth examples the weak supervisor learns from (split A).</summary>
    public int WeakExamples { get; init; } = 1000;

    /// <summary>Examples the weak supervisor labels for the student (split B; the ceiling learns their true labels).</summary>
    public int StudentExamples { get; init; } = 20_000;

    /// <summary>Held-out test examples every model is scored on.</summary>
    public int TestExamples { get; init; } = 5000;

    /// <summary>Passes over its data for the weak supervisor.</summary>
    public int WeakEpochs { get; init; } = 10;

    /// <summary>Passes over its data for each strong student.</summary>
    public int StrongEpochs { get; init; } = 5;

    /// <summary>The auxiliary confidence loss's final weight alpha for the second student (Burns et al.: up to 0.75).</summary>
    public double ConfidenceWeight { get; init; } = 0.5;

    /// <summary>The folder holding Fashion-MNIST's four .gz files (null: $GOODHART_FASHION_MNIST, else Debian's /usr/share/datasets/fashion-mnist).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Adam's learning rate for every model.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <inheritdoc cref="DebateImageConfig.TorchThreads"/>
    public int TorchThreads { get; init; } = 1;

    /// <summary>Throws <see cref="UserInputException"/> naming the field when out of range.</summary>
    public void Validate()
    {
        if (!Tasks.Contains(Task))
            throw new UserInputException($"task: '{Task}' is not a task (one of: {string.Join(", ", Tasks)})");
        Widths("weak_hidden", WeakHidden);
        Widths("strong_hidden", StrongHidden);
        Check("weak_examples", WeakExamples, 1, MaxExamples);
        Check("student_examples", StudentExamples, 1, MaxExamples);
        Check("test_examples", TestExamples, 1, 10_000);
        Check("weak_epochs", WeakEpochs, 1, 1000);
        Check("strong_epochs", StrongEpochs, 1, 1000);
        Check("torch_threads", TorchThreads, 1, TorchRuntime.MaxThreads);
        if (Task == FashionMnistTask && WeakExamples + StudentExamples > MaxExamples)
            throw new UserInputException($"weak_examples + student_examples: {WeakExamples + StudentExamples} is more than Fashion-MNIST's {MaxExamples} training images");
        if (!(ConfidenceWeight >= 0 && ConfidenceWeight <= 1))
            throw new UserInputException($"confidence_weight: {ConfidenceWeight} is out of range [0, 1]");
        if (!(LearningRate > 0 && LearningRate <= 1))
            throw new UserInputException($"learning_rate: {LearningRate} is out of range (0, 1]");
    }

    private static void Widths(string field, IReadOnlyList<int> widths)
    {
        if (widths.Count > 8)
            throw new UserInputException($"{field}: {widths.Count} layers (at most 8)");
        foreach (var w in widths)
            Check(field, w, 1, 4096);
    }

    private static void Check(string field, int value, int min, int max)
    {
        if (value < min || value > max)
            throw new UserInputException($"{field}: {value} is out of range ({min} to {max})");
    }
}
