using Goodhart.Core.Randomness;
using Goodhart.Core.Rlhf;
using Goodhart.Learning.Models;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// An ensemble of reward models scoring as one (Coste et al. 2023): every member scores each response and the
/// scores are combined by <see cref="Aggregation"/>: the mean, the minimum (WCO) or mean - lambda x variance (UWO,
/// population variance across members). Members should share a scale (<see cref="RewardModel.Calibrate(IReadOnlyList{PreferencePair})"/>;
/// <see cref="TrainMembers"/> does it), since Bradley-Terry leaves each one's offset free and the minimum and
/// variance would otherwise measure offsets rather than disagreement.
/// </summary>
public sealed class RewardEnsemble : IRewardScorer
{
    /// <summary>Default UWO coefficient on standardised member scores: 1 (our choice; Coste et al. report UWO robust to it).</summary>
    public const double DefaultLambda = 1.0;

    /// <summary>An ensemble of <paramref name="members"/> (at least one) combined by <paramref name="aggregation"/>.</summary>
    public RewardEnsemble(
        IReadOnlyList<IRewardScorer> members, EnsembleAggregation aggregation = EnsembleAggregation.Mean, double lambda = DefaultLambda, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0)
        {
            throw new ArgumentException("An ensemble needs at least one member.", nameof(members));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(lambda);
        Members = members;
        Aggregation = aggregation;
        Lambda = lambda;
        Name = name ?? $"ensemble-{members.Count}-{ShortName(aggregation)}";
    }

    /// <summary>The member scorers.</summary>
    public IReadOnlyList<IRewardScorer> Members { get; }

    /// <summary>How member scores are combined.</summary>
    public EnsembleAggregation Aggregation { get; }

    /// <summary>UWO's variance coefficient (unused by the other aggregations).</summary>
    public double Lambda { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The same members combined another way (share cached members to score each response once).</summary>
    public RewardEnsemble With(EnsembleAggregation aggregation, double? lambda = null) => new(Members, aggregation, lambda ?? Lambda);

    /// <inheritdoc />
    public double[] Score(IReadOnlyList<string> prompts, IReadOnlyList<string> responses)
    {
        var memberScores = MemberScores(prompts, responses);
        var result = new double[prompts.Count];
        var column = new double[Members.Count];
        for (var i = 0; i < result.Length; i++)
        {
            for (var k = 0; k < column.Length; k++)
            {
                column[k] = memberScores[k][i];
            }

            result[i] = Aggregate(column, Aggregation, Lambda);
        }

        return result;
    }

    /// <summary>Every member's scores: [member][pair].</summary>
    public double[][] MemberScores(IReadOnlyList<string> prompts, IReadOnlyList<string> responses) =>
        Members.Select(m => m.Score(prompts, responses)).ToArray();

    /// <summary>Combines one response's member scores: mean, min (WCO) or mean - lambda x population variance (UWO).</summary>
    public static double Aggregate(ReadOnlySpan<double> scores, EnsembleAggregation aggregation, double lambda = DefaultLambda)
    {
        if (scores.IsEmpty)
        {
            throw new ArgumentException("No member scores.", nameof(scores));
        }

        double sum = 0, min = double.PositiveInfinity;
        foreach (var s in scores)
        {
            sum += s;
            min = Math.Min(min, s);
        }

        var mean = sum / scores.Length;
        switch (aggregation)
        {
            case EnsembleAggregation.Mean:
                return mean;
            case EnsembleAggregation.WorstCase:
                return min;
            case EnsembleAggregation.UncertaintyWeighted:
                var squares = 0.0;
                foreach (var s in scores)
                {
                    squares += (s - mean) * (s - mean);
                }

                return mean - (lambda * squares / scores.Length);
            default:
                throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "unknown aggregation");
        }
    }

    /// <summary>
    /// Trains <paramref name="count"/> reward models on the same pairs, differing in the seed of the head and the data
    /// order: member 0 uses <see cref="RewardModelOptions.Seed"/> itself (so it equals a single reward model trained
    /// with <paramref name="options"/>), member k a seed derived from it. Each member is then standardised on the
    /// responses of the first <paramref name="calibrationPairs"/> training pairs and named <c>rm-k</c>. With a
    /// <paramref name="checkpointDirectory"/>, member k checkpoints to its <c>rm-k</c> subfolder every
    /// <paramref name="checkpointEvery"/> steps and resumes from it (<see cref="RewardModelTrainer.CheckpointDirectory"/>).
    /// </summary>
    public static IReadOnlyList<(RewardModel Model, RewardModelResult Result)> TrainMembers(
        CausalLanguageModel? policy,
        IReadOnlyList<PreferencePair> pairs,
        RewardModelOptions options,
        int count,
        IProgress<(int Member, RewardModelStep Step)>? progress = null,
        int calibrationPairs = 1024,
        CancellationToken cancellationToken = default,
        string? checkpointDirectory = null,
        int checkpointEvery = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var members = new List<(RewardModel, RewardModelResult)>();
        for (var k = 0; k < count; k++)
        {
            var seed = k == 0 ? options.Seed : Xoshiro256.Derive(options.Seed, (ulong)k);
            using var trainer = RewardModelTrainer.Create(policy, options with { Seed = seed }, $"rm-{k}");
            if (checkpointDirectory is not null)
            {
                trainer.CheckpointDirectory = Path.Combine(checkpointDirectory, $"rm-{k}");
                trainer.CheckpointEvery = checkpointEvery;
            }

            var member = k;
            var result = trainer.Train(
                pairs, progress is null ? null : new CallbackProgress<RewardModelStep>(step => progress.Report((member, step))), cancellationToken);
            trainer.Model.Calibrate(pairs.Take(calibrationPairs).ToArray());
            members.Add((trainer.Model, result));
        }

        return members;
    }

    private static string ShortName(EnsembleAggregation aggregation) => aggregation switch
    {
        EnsembleAggregation.Mean => "mean",
        EnsembleAggregation.WorstCase => "wco",
        EnsembleAggregation.UncertaintyWeighted => "uwo",
        _ => aggregation.ToString().ToLowerInvariant(),
    };
}
