using Goodhart.Core.Rlhf;
using Goodhart.Core.Runs;
using Goodhart.Learning.Rlhf;

namespace Goodhart.Learning.Tests.Rlhf;

/// <summary>The metric points an evaluation and a best-of-n point store: every mean with its standard error, under the names declared in <see cref="RlhfMetricNames"/>.</summary>
public class EvaluationMetricPointsTests
{
    private static readonly ArithmeticPrompt[] Prompts = [new(3, '+', 4), new(2, '+', 2, belief: 5), new(6, '+', 1)];

    private static readonly BehaviourMetrics Behaviour = BehaviourMetrics.Of(Prompts, [" It's 7.", " You're right, it's 5.", " It's 7."]);

    [Fact]
    public void A_policy_evaluation_stores_gold_proxy_and_behaviour_standard_errors_beside_their_means()
    {
        var evaluation = new PolicyEvaluation(4, -0.5, 0.25, 0.01, 1.5, Behaviour, [])
        {
            GoldStandardError = 0.1,
            ProxyStandardError = 0.2,
        };

        var points = evaluation.ToMetricPoints().ToDictionary(p => p.Name, p => p.Value);

        Assert.Equal(-0.5, points[RlhfMetricNames.Gold]);
        Assert.Equal(0.1, points["gold/score_se"]);
        Assert.Equal(0.2, points["eval/scores_se"]);
        Assert.Equal(0.5, points[RlhfMetricNames.SqrtKl]);
        Assert.Equal(Math.Sqrt((2.0 / 3) * (1.0 / 3) / 2), points["behaviour/accuracy_se"], 12);
        Assert.Contains("behaviour/mean_length_se", points.Keys);
        Assert.All(points.Keys.Where(RlhfMetricNames.IsStandardError), name => Assert.Contains(name[..^RlhfMetricNames.StandardErrorSuffix.Length], points.Keys));
    }

    [Fact]
    public void An_evaluation_without_standard_errors_stores_none_for_gold_and_proxy()
    {
        var points = new PolicyEvaluation(0, -0.5, 0, 0, null, Behaviour, []).ToMetricPoints().Select(p => p.Name).ToList();

        Assert.DoesNotContain(RlhfMetricNames.GoldStandardError, points);
        Assert.DoesNotContain(RlhfMetricNames.ProxyStandardError, points);
        Assert.DoesNotContain(RlhfMetricNames.Proxy, points);
    }

    [Fact]
    public void A_best_of_n_point_stores_its_means_with_their_standard_errors()
    {
        var point = new BestOfNPoint(4, BestOfNKl.Analytic(4), 0.5, 1.25, -0.25, 0.05, Behaviour) { ProxyStandardError = 0.07 };

        var points = point.ToMetricPoints();

        Assert.All(points, p => Assert.Equal(4, p.Step));
        var byName = points.ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal(0.05, byName[RlhfMetricNames.GoldStandardError]);
        Assert.Equal(0.07, byName[RlhfMetricNames.ProxyStandardError]);
        Assert.Equal(point.D, byName[RlhfMetricNames.SqrtKl]);
        Assert.Contains("behaviour/accuracy_se", byName.Keys);
        Assert.Contains("behaviour/sycophancy_rate", byName.Keys);
        Assert.DoesNotContain("behaviour/sycophancy_rate_se", byName.Keys); // one wrong-belief prompt: no standard error
    }
}
