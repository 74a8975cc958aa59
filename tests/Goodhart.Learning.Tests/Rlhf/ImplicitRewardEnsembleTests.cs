using Goodhart.Core.Rlhf;
using Goodhart.Learning.Data;
using Goodhart.Learning.Rlhf;

namespace Goodhart.Learning.Tests.Rlhf;

public class ImplicitRewardEnsembleTests
{
    private static readonly IReadOnlyList<PreferencePair> Pairs = Preferences.TinySums;

    private static readonly DpoOptions Quick = new() { Beta = 0.1, LearningRate = 3e-3, Epochs = 2, BatchSize = 3, Seed = 5, EvalEvery = 0 };

    [Fact]
    public void Members_are_standardised_distinct_and_the_same_seed_gives_the_same_ensemble()
    {
        using var policy = Tiny.Model(seed: 3);
        using var reference = Goodhart.Learning.Rlhf.PolicyCopies.FrozenReference(policy);
        var prompts = Pairs.SelectMany(p => new[] { p.Prompt, p.Prompt }).ToArray();
        var responses = Pairs.SelectMany(p => new[] { p.Chosen, p.Rejected }).ToArray();

        using var ensemble = ImplicitRewardEnsemble.Train(policy, reference, Pairs, Quick, count: 3, bootstrap: true);
        using var again = ImplicitRewardEnsemble.Train(policy, reference, Pairs, Quick, count: 3, bootstrap: true);

        Assert.Equal(["dpo-implicit-0", "dpo-implicit-1", "dpo-implicit-2"], ensemble.Members.Select(m => m.Name));
        Assert.Equal(3, ensemble.Runs.Count);
        var scores = ensemble.Members.Select(m => m.Score(prompts, responses)).ToArray();
        foreach (var memberScores in scores)
        {
            var mean = memberScores.Average();
            Assert.Equal(0.0, mean, 6);
            Assert.Equal(1.0, Math.Sqrt(memberScores.Average(s => (s - mean) * (s - mean))), 6);
        }

        Assert.NotEqual(scores[0], scores[1]); // other seed, other resample
        Assert.Equal(scores[2], again.Members[2].Score(prompts, responses));
        var wco = ensemble.Aggregate(EnsembleAggregation.WorstCase).Score(prompts, responses);
        Assert.Equal(Enumerable.Range(0, prompts.Length).Select(i => scores.Min(s => s[i])), wco);
    }

    [Fact]
    public void A_bootstrap_resample_keeps_the_size_draws_with_replacement_and_is_seeded()
    {
        var many = Enumerable.Range(0, 200).Select(i => new PreferencePair($"{i}+0=", $"{i}", "x")).ToArray();

        var first = ImplicitRewardEnsemble.Resample(many, 7);
        var same = ImplicitRewardEnsemble.Resample(many, 7);
        var other = ImplicitRewardEnsemble.Resample(many, 8);

        Assert.Equal(200, first.Count);
        Assert.Equal(first, same);
        Assert.NotEqual(first, other);
        Assert.All(first, p => Assert.Contains(p, many));
        var distinct = first.Distinct().Count();
        Assert.InRange(distinct, 100, 150); // about 1 - 1/e = 63% of the pairs appear
    }

    [Fact]
    public void A_resampled_pair_that_cannot_be_trained_on_is_named_by_its_file_and_line()
    {
        using var temp = new TemporaryFolder();
        var path = temp.File("pairs.train.jsonl");
        // Every prompt is too long for the tiny policy's context; blank lines between the rows make a row's file line
        // (1, 3, 5, ...) differ from its place in the list and in the resample.
        JsonLines.Write(path, Enumerable.Range(0, 8).Select(i => new PreferencePair(new string('1', 40) + i, "4", "5")));
        File.WriteAllText(path, string.Join("\n\n", File.ReadAllLines(path)) + "\n");
        var rows = PreferenceRows.Read(path);
        using var policy = Tiny.Model(seed: 3);
        using var reference = Goodhart.Learning.Rlhf.PolicyCopies.FrozenReference(policy);

        var resample = ImplicitRewardEnsemble.Resample(rows, 11);
        var error = Assert.Throws<DatasetFormatException>(() => ImplicitRewardEnsemble.Train(policy, reference, rows, Quick, count: 2, bootstrap: true));

        Assert.Equal(path, error.File);
        Assert.Equal(1, error.Line % 2);
        Assert.Equal(rows.LineOf(rows.ToList().IndexOf(resample[0])), ((JsonLinesRows<PreferencePair>)resample).LineOf(0));
        Assert.Contains("more than the policy's context", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_member_has_no_aggregate()
    {
        using var policy = Tiny.Model(seed: 3);
        using var reference = Goodhart.Learning.Rlhf.PolicyCopies.FrozenReference(policy);
        using var ensemble = ImplicitRewardEnsemble.Train(policy, reference, Pairs, Quick with { Epochs = 1 }, count: 1);

        Assert.Throws<InvalidOperationException>(() => ensemble.Aggregate(EnsembleAggregation.Mean));
    }
}
