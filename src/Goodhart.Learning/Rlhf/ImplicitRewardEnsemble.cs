using System.Globalization;
using Goodhart.Core.Randomness;
using Goodhart.Core.Rlhf;
using Goodhart.Learning.Models;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// An ensemble of DPO implicit reward models (<see cref="ImplicitRewardScorer"/>): one DPO policy per member, trained
/// from the same SFT policy against the same reference, differing in the seed of the data order and, with
/// <c>bootstrap</c>, in a bootstrap resample of the pairs (Coste et al. 2023 draw their members' diversity from
/// seeds; on one SFT trunk, resampling the data adds more). Each member is standardised on the responses of the first
/// training pairs (<see cref="StandardisedScorer"/>) so WCO and UWO compare them on one scale. Owns the members'
/// policies: dispose it.
/// </summary>
public sealed class ImplicitRewardEnsemble : IDisposable
{
    private const ulong MemberStream = 0xE75;

    private readonly List<CausalLanguageModel> _policies;

    private ImplicitRewardEnsemble(List<CausalLanguageModel> policies, IReadOnlyList<IRewardScorer> members, IReadOnlyList<PolicyOptimisationResult> runs)
    {
        _policies = policies;
        Members = members;
        Runs = runs;
    }

    /// <summary>The standardised members, named <c>dpo-implicit-k</c>; member 0 alone is the single implicit reward model.</summary>
    public IReadOnlyList<IRewardScorer> Members { get; }

    /// <summary>The members' DPO runs (member 0's with the evaluator's points when one was given).</summary>
    public IReadOnlyList<PolicyOptimisationResult> Runs { get; }

    /// <summary>The members' DPO policies, member k at index k (owned by the ensemble).</summary>
    public IReadOnlyList<CausalLanguageModel> Policies => _policies;

    /// <summary>
    /// The members under one aggregation (<see cref="RewardEnsemble"/>, named <paramref name="name"/> or
    /// <c>ensemble-K-AGG</c>); needs two members or more.
    /// </summary>
    public RewardEnsemble Aggregate(EnsembleAggregation aggregation, double lambda = RewardEnsemble.DefaultLambda, string? name = null) =>
        Members.Count > 1
            ? new RewardEnsemble(Members, aggregation, lambda, name)
            : throw new InvalidOperationException("An ensemble needs two members or more.");

    /// <summary>
    /// An ensemble over DPO policies trained earlier (member k = <paramref name="policies"/>[k], e.g. loaded from
    /// checkpoints), standardised on the first <paramref name="calibrationPairs"/> of <paramref name="pairs"/> as
    /// <see cref="Train"/> does; takes ownership of the policies.
    /// </summary>
    public static ImplicitRewardEnsemble FromPolicies(
        IReadOnlyList<CausalLanguageModel> policies, CausalLanguageModel reference, double beta, IReadOnlyList<PreferencePair> pairs, int calibrationPairs = 1024)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(pairs);
        if (policies.Count == 0)
        {
            throw new ArgumentException("An ensemble needs at least one member.", nameof(policies));
        }

        var calibration = pairs.Take(calibrationPairs).ToArray();
        var members = policies.Select((policy, k) => Member(policy, reference, beta, calibration, k)).ToArray();
        return new ImplicitRewardEnsemble([.. policies], members, []);
    }

    /// <summary>
    /// Trains <paramref name="count"/> DPO policies from <paramref name="sftPolicy"/> on <paramref name="pairs"/>:
    /// member 0 with <see cref="DpoOptions.Seed"/> itself, member k with a seed derived from it; with
    /// <paramref name="bootstrap"/> each member trains on its own resample (as many pairs, drawn with replacement).
    /// <paramref name="evaluator"/>, when given, evaluates member 0 along its run.
    /// </summary>
    public static ImplicitRewardEnsemble Train(
        CausalLanguageModel sftPolicy,
        CausalLanguageModel reference,
        IReadOnlyList<PreferencePair> pairs,
        DpoOptions options,
        int count,
        bool bootstrap = false,
        PolicyEvaluator? evaluator = null,
        IProgress<(int Member, RlhfProgress Progress)>? progress = null,
        int calibrationPairs = 1024)
    {
        ArgumentNullException.ThrowIfNull(sftPolicy);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var policies = new List<CausalLanguageModel>();
        var members = new List<IRewardScorer>();
        var runs = new List<PolicyOptimisationResult>();
        var calibration = pairs.Take(calibrationPairs).ToArray();
        try
        {
            for (var k = 0; k < count; k++)
            {
                var seed = k == 0 ? options.Seed : Xoshiro256.Derive(options.Seed, MemberStream + (ulong)k);
                var name = string.Create(CultureInfo.InvariantCulture, $"dpo-implicit-{k}");
                var policy = PolicyCopies.Clone(sftPolicy);
                policies.Add(policy);
                using var trainer = new DpoTrainer(policy, reference, options with { Seed = seed });
                var member = k;
                runs.Add(trainer.Train(
                    bootstrap ? Resample(pairs, seed) : pairs,
                    k == 0 ? evaluator : null,
                    progress is null ? null : new CallbackProgress<RlhfProgress>(p => progress.Report((member, p)))) with { Method = name });
                members.Add(Member(policy, reference, options.Beta, calibration, k));
            }
        }
        catch
        {
            policies.ForEach(p => p.Dispose());
            throw;
        }

        return new ImplicitRewardEnsemble(policies, members, runs);
    }

    private static StandardisedScorer Member(CausalLanguageModel policy, CausalLanguageModel reference, double beta, PreferencePair[] calibration, int k) =>
        new(
            new CachedRewardScorer(new ImplicitRewardScorer(policy, reference, beta)),
            [.. calibration.SelectMany(p => new[] { p.Prompt, p.Prompt })],
            [.. calibration.SelectMany(p => new[] { p.Chosen, p.Rejected })],
            string.Create(CultureInfo.InvariantCulture, $"dpo-implicit-{k}"));

    /// <summary>
    /// A bootstrap resample of <paramref name="pairs"/>: as many pairs, drawn uniformly with replacement from
    /// <paramref name="seed"/>. Rows read from a file (<see cref="PreferenceRows.Read"/>) keep their file and line, so
    /// a resampled row that cannot be trained on is reported as <c>FILE:LINE</c>, not by its place in the resample.
    /// </summary>
    public static IReadOnlyList<PreferencePair> Resample(IReadOnlyList<PreferencePair> pairs, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var random = new Xoshiro256(seed);
        var indexes = Enumerable.Range(0, pairs.Count).Select(_ => random.NextInt(pairs.Count)).ToArray();
        return pairs is Data.JsonLinesRows<PreferencePair> read ? read.Pick(indexes) : [.. indexes.Select(i => pairs[i])];
    }

    /// <inheritdoc />
    public void Dispose() => _policies.ForEach(p => p.Dispose());
}
