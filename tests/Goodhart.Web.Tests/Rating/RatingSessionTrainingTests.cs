using System.Text.Json;
using Goodhart.Web.Rating;

namespace Goodhart.Web.Tests.Rating;

public sealed class RatingSessionTrainingTests
{
    [Fact]
    public void LengthRater_RewardModelWeighsLengthMost_AndBestOfNBuysLengthAtTheCostOfGold()
    {
        var session = RatingSession.Start(new RatingSessionOptions { Seed = 11 });
        ScriptedRaters.LabelAll(session, ScriptedRaters.Longer);

        var result = session.Train();

        var strongest = result.Weights.MaxBy(w => Math.Abs(w.StandardisedWeight))!;
        Assert.Equal("length", strongest.Name);
        Assert.True(strongest.Weight > 0, $"length weight {strongest.Weight}");
        var first = result.Curve[0];
        var last = result.Curve[^1];
        Assert.Equal(1, first.N);
        Assert.Equal(128, last.N);
        Assert.True(last.Behaviour.MeanLength > first.Behaviour.MeanLength + 20,
            $"mean length {first.Behaviour.MeanLength:0.0} at N=1, {last.Behaviour.MeanLength:0.0} at N=128");
        Assert.True(last.Gold < result.BaselineGold - 0.1, $"gold {last.Gold:0.000} at N=128, baseline {result.BaselineGold:0.000}");
        Assert.True(last.Proxy > first.Proxy + 1, $"proxy {first.Proxy:0.00} at N=1, {last.Proxy:0.00} at N=128");
        var length = result.Biases.Single(b => b.Name == "length");
        Assert.True(length.Change > 20, $"length change {length.Change:0.0}");
        Assert.Equal(length.AtPeakProxy - length.AtStart, length.Change, 9);
    }

    [Fact]
    public void GoldRater_GoldRisesWithN_AndTheModelRanksHeldOutPairsByGold()
    {
        var session = RatingSession.Start(new RatingSessionOptions { Seed = 11 });
        ScriptedRaters.LabelAll(session, ScriptedRaters.ByGold);

        var result = session.Train();

        Assert.Equal(1.0, result.LabelGoldAgreement);
        Assert.True(result.GoldComparableLabels >= 20, $"{result.GoldComparableLabels} comparable labels");
        Assert.True(result.RewardModelGoldAgreement > 0.8, $"held-out gold agreement {result.RewardModelGoldAgreement:0.000}");
        Assert.InRange(result.HeldOutPairsUsed, 100, session.Options.HeldOutPairs);
        var first = result.Curve[0];
        var last = result.Curve[^1];
        Assert.True(last.Gold > first.Gold + 0.5, $"gold {first.Gold:0.000} at N=1, {last.Gold:0.000} at N=128");
        Assert.True(last.Behaviour.Accuracy > 0.8, $"accuracy at N=128: {last.Behaviour.Accuracy:0.00}");
        Assert.True(result.PeakGoldN >= 16, $"gold peaks at N={result.PeakGoldN}");
        Assert.True(result.Weights.Single(w => w.Name == "correct_hard").Weight > 0);
    }

    [Fact]
    public void Curve_ProxyNeverFallsWithN_AndKlIsTheAnalyticBestOfNValue()
    {
        var session = RatingSession.Start(new RatingSessionOptions { Seed = 5, Pairs = 12 });
        ScriptedRaters.LabelAll(session, ScriptedRaters.Longer);

        var curve = session.Train().Curve;

        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128], curve.Select(p => p.N));
        for (var i = 1; i < curve.Count; i++)
            Assert.True(curve[i].Proxy >= curve[i - 1].Proxy - 1e-12, $"proxy fell from N={curve[i - 1].N} to N={curve[i].N}");
        Assert.Equal(0, curve[0].Kl);
        Assert.Equal(Math.Log(128) - (127.0 / 128), curve[^1].Kl, 12);
        Assert.All(curve, p => Assert.InRange(p.EstimatedKl, 0, p.Kl + 1e-9));
    }

    [Fact]
    public void SameSeed_GivesTheSamePairsAndTheSameResult()
    {
        RatingSessionOptions options = new() { Seed = 42, Pairs = 16 };
        var first = RatingSession.Start(options);
        var second = RatingSession.Start(options);

        var pairsFirst = ScriptedRaters.LabelAll(first, ScriptedRaters.Longer);
        var pairsSecond = ScriptedRaters.LabelAll(second, ScriptedRaters.Longer);
        var a = first.Train();
        var b = second.Train();

        Assert.Equal(pairsFirst, pairsSecond);
        Assert.Equal(a.Weights, b.Weights);
        Assert.Equal(a.Curve.Select(p => (p.N, p.Proxy, p.Gold)), b.Curve.Select(p => (p.N, p.Proxy, p.Gold)));
        Assert.Equal(a.Biases, b.Biases);
        var other = RatingSession.Start(options with { Seed = 43 });
        Assert.NotEqual(pairsFirst[0], other.NextPair());
    }

    [Fact]
    public void Result_SerialisesToJsonWithItsCurveAndWeights()
    {
        var session = RatingSession.Start(new RatingSessionOptions { Seed = 9, Pairs = 4, Ns = [1, 8], EvaluationPrompts = 8, HeldOutPairs = 0 });
        ScriptedRaters.LabelAll(session, ScriptedRaters.ByGold);
        var result = session.Train();

        var json = JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web));

        using var document = JsonDocument.Parse(json);
        Assert.Equal(2, document.RootElement.GetProperty("curve").GetArrayLength());
        Assert.Equal(8, document.RootElement.GetProperty("weights").GetArrayLength());
        Assert.Equal(0, document.RootElement.GetProperty("rewardModelGoldAgreement").GetDouble());
        Assert.Equal(result.LabelsUsed, document.RootElement.GetProperty("labelsUsed").GetInt32());
    }

    [Fact]
    public void Train_WithNoLabels_ThrowsInvalidOperation()
    {
        var session = RatingSession.Start(new RatingSessionOptions { Seed = 3 });

        var error = Assert.Throws<InvalidOperationException>(() => session.Train());

        Assert.Contains("no labels yet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_WithOnlyTies_ThrowsInvalidOperation()
    {
        var session = RatingSession.Start(new RatingSessionOptions { Seed = 3 });
        session.Submit(session.NextPair()!.Index, RatingChoice.Tie);
        session.Submit(session.NextPair()!.Index, RatingChoice.Tie);

        var error = Assert.Throws<InvalidOperationException>(() => session.Train());

        Assert.Contains("all 2 labels are ties", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_WithACancelledToken_Throws()
    {
        var session = RatingSession.Start(new RatingSessionOptions { Seed = 3 });
        session.Submit(session.NextPair()!.Index, RatingChoice.A);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => session.Train(null, cts.Token));
    }

    [Fact]
    public void Train_CancelledWhileSampling_StopsAndCanRunAgainLater()
    {
        var session = RatingSession.Start(new RatingSessionOptions { Seed = 3 });
        session.Submit(session.NextPair()!.Index, RatingChoice.A);
        using var cts = new CancellationTokenSource();
        var messages = new List<string>();
        var progress = new SynchronousProgress(m =>
        {
            messages.Add(m);
            if (m.StartsWith("sampling", StringComparison.Ordinal))
                cts.Cancel();
        });

        Assert.ThrowsAny<OperationCanceledException>(() => session.Train(progress, cts.Token));
        Assert.DoesNotContain("done", messages);

        var result = session.Train();
        Assert.Equal(1, result.LabelsUsed);
    }

    [Fact]
    public async Task Train_WhileLabelsAreSubmittedConcurrently_UsesASnapshotAndDoesNotFail()
    {
        var session = RatingSession.Start(new RatingSessionOptions { Seed = 8, Pairs = 40 });
        for (var i = 0; i < 5; i++)
        {
            var pair = session.NextPair()!;
            session.Submit(pair.Index, ScriptedRaters.Longer(pair));
        }

        var labelling = Task.Run(() => ScriptedRaters.LabelAll(session, ScriptedRaters.Longer));
        var results = Enumerable.Range(0, 3).Select(_ => Task.Run(() => session.Train())).ToArray();
        await labelling;
        var trained = await Task.WhenAll(results);

        Assert.All(trained, r => Assert.InRange(r.LabelsUsed, 5, 40));
        Assert.Equal(40, session.LabelCount);
    }

    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
