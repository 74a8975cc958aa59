using System.Globalization;
using Goodhart.Web.Workbench.Rating;

namespace Goodhart.Web.Tests.Workbench;

/// <summary>
/// STAND-IN rating session for tests: offers arithmetic pairs where one answer is correct and terse and the other
/// wrong, longer and confident; "trains" a reward model that weighs length and confidence by how often the person
/// preferred the longer answer, then runs best-of-N over synthetic candidates. Small and deterministic; it is not the
/// RLHF lab's reward model.
/// </summary>
internal sealed class FakeRaterSession(int seed, int labelsWanted) : IRaterSession
{
    private readonly List<(int Index, RaterChoice Choice)> _labels = [];
    private int _next;

    public int LabelCount => _labels.Count;

    public int LabelsWanted { get; } = labelsWanted;

    public RaterPair? NextPair()
    {
        if (_labels.Count >= LabelsWanted)
            return null;
        var i = _next++;
        var a = 11 + (seed + i * 7) % 80;
        var b = 5 + (seed * 3 + i * 13) % 60;
        var right = (a + b).ToString(CultureInfo.InvariantCulture);
        var wrong = (a + b + 10).ToString(CultureInfo.InvariantCulture);
        var terse = $"{right}.";
        var verbose = $"Great question! I am completely certain: adding {a} and {b} carefully gives exactly {wrong}.";
        return i % 2 == 0
            ? new RaterPair(i, $"What is {a} + {b}?", terse, verbose)
            : new RaterPair(i, $"What is {a} + {b}?", verbose, terse);
    }

    public void Submit(int index, RaterChoice choice) => _labels.Add((index, choice));

    public RaterOutcome Train(IProgress<string>? progress, CancellationToken cancellation)
    {
        // Weight on the verbose style: share of decided labels that picked the verbose answer (A at odd indices).
        var decided = _labels.Where(l => l.Choice != RaterChoice.Tie).ToList();
        var verbosePicks = decided.Count(l => (l.Index % 2 == 1) == (l.Choice == RaterChoice.A));
        var styleWeight = decided.Count == 0 ? 0.5 : (double)verbosePicks / decided.Count;
        var rng = new Random(seed);
        var candidates = Enumerable.Range(0, 4096).Select(_ =>
        {
            var length = rng.NextDouble();
            var confidence = rng.NextDouble();
            var correct = rng.NextDouble() < 0.8 - 0.5 * length * confidence ? 1.0 : 0.0;
            return (Length: length, Confidence: confidence, Correct: correct, Proxy: styleWeight * (length + confidence) + (1 - styleWeight) * correct);
        }).ToArray();
        var curve = new List<RaterCurvePoint>();
        var biasesAt = new List<(double Length, double Confidence)>();
        for (var n = 1; n <= 64; n *= 2)
        {
            cancellation.ThrowIfCancellationRequested();
            var picks = Enumerable.Range(0, candidates.Length / n).Select(g => candidates.Skip(g * n).Take(n).MaxBy(c => c.Proxy)).ToList();
            curve.Add(new RaterCurvePoint(n, Math.Log(n) - (n - 1.0) / n, picks.Average(p => p.Proxy), picks.Average(p => p.Correct)));
            biasesAt.Add((picks.Average(p => p.Length), picks.Average(p => p.Confidence)));
        }
        var peak = curve.IndexOf(curve.MaxBy(p => p.Proxy)!);
        progress?.Report("done");
        return new RaterOutcome(curve,
        [
            new RaterBias("length", biasesAt[0].Length, biasesAt[peak].Length, biasesAt[peak].Length - biasesAt[0].Length),
            new RaterBias("confidence", biasesAt[0].Confidence, biasesAt[peak].Confidence, biasesAt[peak].Confidence - biasesAt[0].Confidence),
        ], 1 - styleWeight, 1 - styleWeight);
    }
}
