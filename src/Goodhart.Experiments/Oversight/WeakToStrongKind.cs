using Goodhart.Core.Oversight;
using Goodhart.Core.Randomness;
using Goodhart.Learning;
using Goodhart.Learning.Oversight;

namespace Goodhart.Experiments.Oversight;

/// <summary>
/// <c>weak-to-strong</c>: Burns et al. 2023 on the lab's tasks. A weak supervisor (a small classifier) learns split A's
/// true labels and labels split B with its probabilities; a strong student learns split B from those labels, with and
/// without the auxiliary confidence loss; the strong ceiling learns split B's true labels. All are scored on held-out
/// test data; PGR = (weak-to-strong - weak) / (ceiling - weak). Values: <see cref="WeakToStrongValues"/>.
/// </summary>
public sealed class WeakToStrongKind : ExperimentKind<WeakToStrongConfig>
{
    /// <inheritdoc />
    public override string Name => "weak-to-strong";

    /// <inheritdoc />
    public override string Description => "weak-to-strong generalization: a strong student trained on a weak supervisor's labels, PGR with and without the confidence loss";

    /// <inheritdoc />
    public override IReadOnlyList<ReportSection> Report(ReportContext context, IReadOnlyList<CellOutcome> cells) =>
        OversightReport.WeakToStrong(context, cells);

    /// <inheritdoc />
    protected override void Validate(WeakToStrongConfig config)
    {
        config.Validate();
        if (config.Task == WeakToStrongConfig.FashionMnistTask)
            FashionMnist.RequireInstalled(config.DataDirectory);
    }

    /// <inheritdoc />
    protected override CellResult Run(ExperimentContext context, WeakToStrongConfig config)
    {
        TorchRuntime.UseThreads(config.TorchThreads); // the same numbers whatever the machine's cores
        var (train, test) = Data(config, context.Seed);
        var weakSet = train.Slice(0, config.WeakExamples);
        var studentSet = train.Slice(config.WeakExamples, config.StudentExamples);
        var seed = context.Seed;
        void Say(double fraction, string status) => context.Progress.Report(new CellProgress(fraction, status));

        Say(0, "weak supervisor");
        using var weak = new MlpClassifier(train.Features, config.WeakHidden, train.Classes, Xoshiro256.Derive(seed, 1));
        ClassifierTrainer.Train(weak, weakSet.Values, ClassifierTrainer.OneHot(weakSet.Labels, train.Classes), weakSet.Count, Options(config, config.WeakEpochs, 0, Xoshiro256.Derive(seed, 2)), context.Cancellation);
        var weakLabels = weak.Probabilities(studentSet.Values, studentSet.Count);

        var values = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [WeakToStrongValues.Weak] = weak.Accuracy(test.Values, test.Labels),
            [WeakToStrongValues.WeakLabels] = weak.Accuracy(studentSet.Values, studentSet.Labels),
        };
        Say(0.1, "strong ceiling");
        values[WeakToStrongValues.Ceiling] = Student(config, train, studentSet, ClassifierTrainer.OneHot(studentSet.Labels, train.Classes), 0, test, seed, context.Cancellation);
        Say(0.4, "weak-to-strong");
        values[WeakToStrongValues.WeakToStrong] = Student(config, train, studentSet, weakLabels, 0, test, seed, context.Cancellation);
        Say(0.7, "weak-to-strong with the confidence loss");
        values[WeakToStrongValues.WeakToStrongConfidence] = Student(config, train, studentSet, weakLabels, config.ConfidenceWeight, test, seed, context.Cancellation);
        values[WeakToStrongValues.Pgr] = PerformanceGapRecovered.Of(values[WeakToStrongValues.Weak], values[WeakToStrongValues.WeakToStrong], values[WeakToStrongValues.Ceiling]);
        values[WeakToStrongValues.PgrConfidence] = PerformanceGapRecovered.Of(values[WeakToStrongValues.Weak], values[WeakToStrongValues.WeakToStrongConfidence], values[WeakToStrongValues.Ceiling]);
        Say(1, "done");
        var id = OversightRuns.Store(context, OversightRuns.WeakToStrongKind, config.Task, "w2s", config, values);
        return new CellResult([id], values);
    }

    /// <summary>A strong student (same initial parameters for the ceiling and both weak-to-strong students) trained on <paramref name="targets"/>; its test accuracy.</summary>
    private static double Student(WeakToStrongConfig config, ClassificationData train, ClassificationData set, float[] targets, double alpha, ClassificationData test, ulong seed, CancellationToken cancellation)
    {
        using var student = new MlpClassifier(train.Features, config.StrongHidden, train.Classes, Xoshiro256.Derive(seed, 3));
        ClassifierTrainer.Train(student, set.Values, targets, set.Count, Options(config, config.StrongEpochs, alpha, Xoshiro256.Derive(seed, 4)), cancellation);
        return student.Accuracy(test.Values, test.Labels);
    }

    private static ClassifierTrainingOptions Options(WeakToStrongConfig config, int epochs, double alpha, ulong seed) => new()
    {
        Epochs = epochs,
        LearningRate = config.LearningRate,
        ConfidenceWeight = alpha,
        Seed = seed,
    };

    /// <summary>The training rows (split A then split B) and the test rows of the task.</summary>
    private static (ClassificationData Train, ClassificationData Test) Data(WeakToStrongConfig config, ulong seed)
    {
        var trainCount = config.WeakExamples + config.StudentExamples;
        if (config.Task == WeakToStrongConfig.FashionMnistTask)
        {
            return (ClassificationData.FromImages(FashionMnist.Load(train: true, trainCount, config.DataDirectory)),
                    ClassificationData.FromImages(FashionMnist.Load(train: false, config.TestExamples, config.DataDirectory)));
        }
        return (AnswerCorrectnessData.Generate(trainCount, Xoshiro256.Derive(seed, 10)),
                AnswerCorrectnessData.Generate(config.TestExamples, Xoshiro256.Derive(seed, 11)));
    }
}
