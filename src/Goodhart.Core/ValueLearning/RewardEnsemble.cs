using Goodhart.Core.Randomness;

namespace Goodhart.Core.ValueLearning;

/// <summary>
/// K Bradley-Terry reward models, each fitted to its own bootstrap resample of the comparisons. The disagreement on a
/// query is the variance of the members' P(first preferred); the conservative reward of a step is the members' mean
/// minus <c>k</c> standard deviations (a lower confidence bound, as in the imitation library).
/// </summary>
public sealed class RewardEnsemble
{
    private readonly BradleyTerryRewardModel[] _members;

    /// <summary>An ensemble of <paramref name="members"/> zero models over <paramref name="features"/> features.</summary>
    public RewardEnsemble(int members, int features)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(members, 1);
        _members = [.. Enumerable.Range(0, members).Select(_ => new BradleyTerryRewardModel(features))];
    }

    /// <summary>The members.</summary>
    public IReadOnlyList<BradleyTerryRewardModel> Members => _members;

    /// <summary>Refits every member (from its current weights) on a bootstrap resample of <paramref name="data"/>.</summary>
    public void Fit(IReadOnlyList<PreferenceComparison> data, int steps, double learningRate, double l2, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        for (var m = 0; m < _members.Length; m++)
        {
            var rng = new Xoshiro256(Xoshiro256.Derive(seed, (ulong)m));
            var sample = _members.Length == 1 ? data : [.. Enumerable.Range(0, data.Count).Select(_ => data[rng.NextInt(data.Count)])];
            _members[m].Fit(sample, steps, learningRate, l2);
        }
    }

    /// <summary>Variance of the members' P(first preferred): where a label teaches the ensemble the most.</summary>
    public double Disagreement(PreferenceSegment first, PreferenceSegment second)
    {
        var mean = 0.0;
        var square = 0.0;
        foreach (var m in _members)
        {
            var p = m.Probability(first, second);
            mean += p;
            square += p * p;
        }
        mean /= _members.Length;
        return square / _members.Length - mean * mean;
    }

    /// <summary>The members' mean reward of <paramref name="features"/> minus <paramref name="k"/> standard deviations.</summary>
    public double Reward(ReadOnlySpan<double> features, double k)
    {
        var mean = 0.0;
        var square = 0.0;
        foreach (var m in _members)
        {
            var r = m.Reward(features);
            mean += r;
            square += r * r;
        }
        mean /= _members.Length;
        var variance = Math.Max(0, square / _members.Length - mean * mean);
        return mean - k * Math.Sqrt(variance);
    }
}
