using Goodhart.Core.Oversight.Assistance;
using Goodhart.Core.Rlhf;

namespace Goodhart.Learning.Oversight.Assistance;

/// <summary>
/// A critic the lab trains: a multilayer perceptron over <see cref="CriticFeatures"/> (the question and the stated
/// answer as one-hot digits, and the belief bits) that predicts which check fails first (<see cref="FlawCheck"/>,
/// none included), trained on gold-checked examples (the <see cref="OracleCritic"/>'s claims). It claims its most
/// probable flaw when P(some flaw) reaches <see cref="CriticOptions.FlagThreshold"/>; it may be wrong both ways.
/// Responses it cannot read (no single answer, or above 99,999) get no claim.
/// </summary>
public sealed class TrainedCritic : ICritic, IDisposable
{
    private static readonly int Classes = Enum.GetValues<FlawCheck>().Length;
    private readonly MlpClassifier _model;

    private TrainedCritic(MlpClassifier model, CriticOptions options)
    {
        _model = model;
        Options = options;
    }

    /// <summary>The options it was trained with.</summary>
    public CriticOptions Options { get; }

    /// <summary>Readable examples it was trained on.</summary>
    public int TrainingExamples { get; private init; }

    /// <inheritdoc />
    public string Name => "trained";

    /// <summary>
    /// Trains a critic on the responses (paired with their prompts) the critic can read; the target of each is the
    /// first check that fails on it (none when every check passes).
    /// </summary>
    public static TrainedCritic Train(
        IReadOnlyList<ArithmeticPrompt> prompts, IReadOnlyList<ResponseAssessment> responses, CriticOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (prompts.Count != responses.Count)
            throw new ArgumentException($"{prompts.Count} prompts but {responses.Count} responses");
        var rows = Enumerable.Range(0, responses.Count).Where(i => CriticFeatures.CanEncode(responses[i])).ToArray();
        if (rows.Length == 0)
            throw new ArgumentException("no response the critic can read", nameof(responses));
        var features = new float[rows.Length * CriticFeatures.Count];
        var labels = new int[rows.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            CriticFeatures.Encode(prompts[rows[r]], responses[rows[r]], features.AsSpan(r * CriticFeatures.Count, CriticFeatures.Count));
            labels[r] = (int)ArithmeticChecks.FirstFailing(prompts[rows[r]], responses[rows[r]]);
        }
        var model = new MlpClassifier(CriticFeatures.Count, options.Hidden, Classes, Core.Randomness.Xoshiro256.Derive(options.Seed, 1));
        try
        {
            ClassifierTrainer.Train(model, features, ClassifierTrainer.OneHot(labels, Classes), rows.Length, new ClassifierTrainingOptions
            {
                Epochs = options.Epochs,
                LearningRate = options.LearningRate,
                Seed = Core.Randomness.Xoshiro256.Derive(options.Seed, 2),
            }, cancellation);
            return new TrainedCritic(model, options) { TrainingExamples = rows.Length };
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public FlawCheck[] Critique(IReadOnlyList<ArithmeticPrompt> prompts, IReadOnlyList<ResponseAssessment> responses)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(responses);
        if (prompts.Count != responses.Count)
            throw new ArgumentException($"{prompts.Count} prompts but {responses.Count} responses");
        var claims = new FlawCheck[responses.Count];
        var rows = Enumerable.Range(0, responses.Count).Where(i => CriticFeatures.CanEncode(responses[i])).ToArray();
        if (rows.Length == 0)
            return claims;
        var features = new float[rows.Length * CriticFeatures.Count];
        for (var r = 0; r < rows.Length; r++)
            CriticFeatures.Encode(prompts[rows[r]], responses[rows[r]], features.AsSpan(r * CriticFeatures.Count, CriticFeatures.Count));
        var probabilities = _model.Probabilities(features, rows.Length);
        for (var r = 0; r < rows.Length; r++)
        {
            var p = probabilities.AsSpan(r * Classes, Classes);
            if (1 - p[(int)FlawCheck.None] < Options.FlagThreshold)
                continue;
            var best = 1;
            for (var c = 2; c < Classes; c++)
            {
                if (p[c] > p[best])
                    best = c;
            }
            claims[rows[r]] = (FlawCheck)best;
        }
        return claims;
    }

    /// <inheritdoc />
    public void Dispose() => _model.Dispose();
}
