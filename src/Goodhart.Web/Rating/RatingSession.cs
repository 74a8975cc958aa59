using System.Globalization;
using Goodhart.Core.Randomness;
using Goodhart.Core.Rlhf;

namespace Goodhart.Web.Rating;

/// <summary>
/// One person's "Be the rater" session (issue 5): the person labels pairs of responses from the RLHF world, a
/// reward model is fitted to their labels (<see cref="FeatureRewardModel"/>: Bradley-Terry over interpretable
/// features, so its weights are their preferences), and best-of-N against that model on held-out prompts shows what
/// optimising their judgement does: the proxy rises with N while gold, the truth, may not, and the behaviours they
/// rewarded (length, confidence, agreement, flattery) are pushed. UI-agnostic and thread-safe: <see cref="NextPair"/>,
/// <see cref="Submit"/> and <see cref="Train"/> may be called from concurrent requests.
/// </summary>
public sealed class RatingSession
{
    private readonly Lock _gate = new();
    private readonly Lock _evaluationGate = new();
    private readonly ScoredPair[] _pairs;
    private readonly RatingChoice?[] _choices;
    private readonly double[] _scales;
    private RatingEvaluation? _evaluation;
    private int _offered;

    private RatingSession(RatingSessionOptions options)
    {
        Options = options;
        Gold = new GoldReward();
        var factory = new RatingPairFactory(Xoshiro256.Derive(options.Seed, 0), options, Gold);
        _pairs = Enumerable.Range(0, options.Pairs + options.SparePairs).Select(factory.Next).ToArray();
        _choices = new RatingChoice?[_pairs.Length];
        _scales = Scales(_pairs);
    }

    /// <summary>The session's options.</summary>
    public RatingSessionOptions Options { get; }

    /// <summary>The gold reward responses are judged by.</summary>
    public GoldReward Gold { get; }

    /// <summary>Labels the session asks for (<see cref="RatingSessionOptions.Pairs"/>).</summary>
    public int TargetLabels => Options.Pairs;

    /// <summary>Pairs the session can offer in all (target plus spares).</summary>
    public int PairCount => _pairs.Length;

    /// <summary>A/B labels submitted so far (ties not counted).</summary>
    public int LabelCount
    {
        get
        {
            lock (_gate)
                return _choices.Count(c => c is RatingChoice.A or RatingChoice.B);
        }
    }

    /// <summary>Pairs skipped (labelled Tie).</summary>
    public int SkippedCount
    {
        get
        {
            lock (_gate)
                return _choices.Count(c => c == RatingChoice.Tie);
        }
    }

    /// <summary>Every submitted label, in index order.</summary>
    public IReadOnlyList<RatingLabel> Labels
    {
        get
        {
            lock (_gate)
                return LabelsLocked();
        }
    }

    /// <summary>Starts a session: validates the options (<see cref="Core.UserInputException"/> naming the bad one) and draws its pairs.</summary>
    public static RatingSession Start(RatingSessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new RatingSession(options);
    }

    /// <summary>
    /// The first pair not yet labelled (the same pair again until it is submitted), or null when the session has
    /// <see cref="TargetLabels"/> A/B labels or every pair, spares included, has been answered.
    /// </summary>
    public RatingPair? NextPair()
    {
        lock (_gate)
        {
            if (_choices.Count(c => c is RatingChoice.A or RatingChoice.B) >= TargetLabels)
                return null;
            var next = Array.FindIndex(_choices, c => c is null);
            if (next < 0)
                return null;
            _offered = Math.Max(_offered, next + 1);
            return _pairs[next].Pair;
        }
    }

    /// <summary>
    /// Records the person's choice for an offered pair. Throws <see cref="ArgumentException"/> for an index that
    /// does not exist or has not been offered by <see cref="NextPair"/>, a pair already labelled, or an unknown choice.
    /// </summary>
    public void Submit(int index, RatingChoice choice)
    {
        if (!Enum.IsDefined(choice))
            throw new ArgumentException($"unknown choice {(int)choice}; expected A, B or Tie", nameof(choice));
        lock (_gate)
        {
            if (index < 0 || index >= _pairs.Length)
                throw new ArgumentException($"pair {index} does not exist; this session has pairs 0..{_pairs.Length - 1}", nameof(index));
            if (index >= _offered)
                throw new ArgumentException($"pair {index} has not been offered yet; label the pair NextPair returns", nameof(index));
            if (_choices[index] is { } previous)
                throw new ArgumentException($"pair {index} was already labelled ({previous}); a label cannot be changed", nameof(index));
            _choices[index] = choice;
        }
    }

    /// <summary>
    /// Fits the reward model to the A/B labels so far and runs best-of-N against it on held-out prompts. Takes well
    /// under a second at the defaults (the held-out pool is drawn on the first call and reused). Labels submitted
    /// meanwhile are not included. Throws <see cref="InvalidOperationException"/> when there are no A/B labels,
    /// <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public RatingResult Train(IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<RatingLabel> labels;
        lock (_gate)
            labels = LabelsLocked();
        var decided = labels.Where(l => l.Choice != RatingChoice.Tie).ToArray();
        if (decided.Length == 0)
        {
            throw new InvalidOperationException(labels.Count == 0
                ? "no labels yet: choose A or B on at least one pair before training"
                : $"all {labels.Count} labels are ties (skips): choose A or B on at least one pair before training");
        }

        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"fitting your reward model on {decided.Length} labels"));
        var comparisons = decided.Select(l => l.Choice == RatingChoice.A
            ? (_pairs[l.Index].FeaturesA, _pairs[l.Index].FeaturesB)
            : (_pairs[l.Index].FeaturesB, _pairs[l.Index].FeaturesA)).ToArray();
        var model = FeatureRewardModel.Fit(comparisons, _scales, Options.Regularisation, Options.MaxIterations, cancellationToken);

        var evaluation = Evaluation(progress, cancellationToken);
        progress?.Report(string.Create(CultureInfo.InvariantCulture,
            $"best-of-N against your reward model, N up to {Options.LargestN}, on {Options.EvaluationPrompts} held-out prompts"));
        var (curve, baseline, baselineGold) = evaluation.Sweep(model, Options.Ns, cancellationToken);
        var peakProxy = curve.Aggregate((best, p) => p.Proxy > best.Proxy ? p : best);
        var peakGold = curve.Aggregate((best, p) => p.Gold > best.Gold ? p : best);
        var atPeak = RatingEvaluation.Behaviours(peakProxy);
        var biases = RatingEvaluation.BehaviourNames.Select((b, k) =>
            new BiasExploitation(b.Name, baseline[k], atPeak[k], atPeak[k] - baseline[k]) { Description = b.Description }).ToArray();

        var reviews = labels.Select(l => Review(l, model)).ToArray();
        var comparable = reviews.Where(r => r.Choice != RatingChoice.Tie && r.GoldChoice != RatingChoice.Tie).ToArray();
        var labelled = labels.Select(l => Key(_pairs[l.Index])).ToHashSet();
        var heldOut = evaluation.HeldOut.Where(p => p.GoldChoice != RatingChoice.Tie && !labelled.Contains(Key(p))).ToArray();
        var standardised = model.StandardisedWeights;
        progress?.Report("done");
        return new RatingResult
        {
            Curve = curve,
            Biases = biases,
            LabelGoldAgreement = comparable.Length == 0 ? 0 : comparable.Count(r => r.AgreesWithGold) / (double)comparable.Length,
            GoldComparableLabels = comparable.Length,
            PeakGoldN = peakGold.N,
            PeakProxyN = peakProxy.N,
            BaselineGold = baselineGold,
            Weights = RatingFeatures.Names.Select((name, k) =>
                new RewardFeatureWeight(name, RatingFeatures.Units[k], model.Weights[k], standardised[k])).ToArray(),
            LabelsUsed = decided.Length,
            Skipped = labels.Count - decided.Length,
            RewardModelLabelAgreement = decided.Average(l => Agreement(model, _pairs[l.Index], l.Choice)),
            RewardModelGoldAgreement = heldOut.Length == 0 ? 0 : heldOut.Average(p => Agreement(model, p, p.GoldChoice)),
            HeldOutPairsUsed = heldOut.Length,
            Reviews = reviews,
            FitIterations = model.Iterations,
        };
    }

    /// <summary>The held-out pool, drawn on first use (under its own lock, so concurrent trainings draw it once).</summary>
    private RatingEvaluation Evaluation(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        lock (_evaluationGate)
        {
            if (_evaluation is null)
            {
                progress?.Report(string.Create(CultureInfo.InvariantCulture,
                    $"sampling {Options.EvaluationPrompts} held-out prompts x {Options.LargestN} responses"));
                _evaluation = RatingEvaluation.Draw(Options, Gold, cancellationToken);
            }
            return _evaluation;
        }
    }

    /// <summary>What a person sees of a pair (prompt and both responses, either order): held-out pairs equal to a labelled one are left out.</summary>
    private static string Key(ScoredPair pair)
    {
        var (a, b) = string.CompareOrdinal(pair.Pair.ResponseA, pair.Pair.ResponseB) <= 0
            ? (pair.Pair.ResponseA, pair.Pair.ResponseB)
            : (pair.Pair.ResponseB, pair.Pair.ResponseA);
        return string.Join('\u0000', pair.Pair.Prompt, a, b);
    }

    private RatingLabelReview Review(RatingLabel label, FeatureRewardModel model)
    {
        var pair = _pairs[label.Index];
        var a = model.Score(pair.FeaturesA);
        var b = model.Score(pair.FeaturesB);
        var modelChoice = a > b ? RatingChoice.A : b > a ? RatingChoice.B : RatingChoice.Tie;
        return new RatingLabelReview(label.Index, label.Choice, pair.GoldChoice, modelChoice, pair.Prompt.Difficulty);
    }

    /// <summary>1 when the model ranks the <paramref name="preferred"/> response first, 0 when the other, 0.5 on a tie.</summary>
    private static double Agreement(FeatureRewardModel model, ScoredPair pair, RatingChoice preferred)
    {
        var margin = model.Score(pair.FeaturesA) - model.Score(pair.FeaturesB);
        if (preferred == RatingChoice.B)
            margin = -margin;
        return margin > 0 ? 1 : margin < 0 ? 0 : 0.5;
    }

    private List<RatingLabel> LabelsLocked()
    {
        var labels = new List<RatingLabel>();
        for (var i = 0; i < _choices.Length; i++)
        {
            if (_choices[i] is { } choice)
                labels.Add(new RatingLabel(i, choice));
        }
        return labels;
    }

    /// <summary>Standard deviation of each feature over every response of the session's pairs (1 where it is 0).</summary>
    private static double[] Scales(ScoredPair[] pairs)
    {
        var vectors = pairs.SelectMany(p => new[] { p.FeaturesA, p.FeaturesB }).ToArray();
        var scales = new double[RatingFeatures.Count];
        for (var k = 0; k < scales.Length; k++)
        {
            var mean = vectors.Average(v => v[k]);
            var sd = Math.Sqrt(vectors.Average(v => (v[k] - mean) * (v[k] - mean)));
            scales[k] = sd > 1e-9 ? sd : 1;
        }
        return scales;
    }
}
