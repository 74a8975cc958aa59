using Goodhart.Core.Oversight.Assistance;
using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Tests.Oversight.Assistance;

public class CriticEvaluationTests
{
    [Fact]
    public void Precision_and_recall_count_claims_that_verify()
    {
        var p = new ArithmeticPrompt(37, '*', 24);
        ArithmeticPrompt[] prompts = [p, p, p, p];
        ResponseAssessment[] responses = [.. new[] { " It's 887.", " It's 878.", " It's 888.", " It's 2326." }.Select(t => ResponseAssessment.Of(p, t))];
        // a true claim, a false claim on a flawed response, a false claim on the right answer, no claim on a flawed answer
        FlawCheck[] claims = [FlawCheck.LastDigit, FlawCheck.LastDigit, FlawCheck.Magnitude, FlawCheck.None];
        var e = CriticEvaluation.Of(prompts, responses, claims);
        Assert.Equal(new CriticEvaluation(4, 3, 1, 3), e); // 2326 ends in 6, not 8: flawed
        Assert.Equal(1 / 3.0, e.Precision, 12);
        Assert.Equal(1 / 3.0, e.Recall, 12);
        var oracle = new OracleCritic().Critique(prompts, responses);
        Assert.Equal([FlawCheck.LastDigit, FlawCheck.CastingOutNines, FlawCheck.None, FlawCheck.LastDigit], oracle);
        var perfect = CriticEvaluation.Of(prompts, responses, oracle);
        Assert.Equal(1.0, perfect.Precision);
        Assert.Equal(1.0, perfect.Recall);
        Assert.True(double.IsNaN(CriticEvaluation.Of([p], [responses[2]], [FlawCheck.None]).Precision));
    }

    [Fact]
    public void Critic_features_encode_the_answer_and_the_belief_bits()
    {
        var p = new ArithmeticPrompt(37, '*', 24, belief: 878);
        var row = new float[CriticFeatures.Count];
        CriticFeatures.Encode(p, ResponseAssessment.Of(p, " You're right, it's 878."), row);
        Assert.Equal([1f, 1f, 1f], row[^3..]);
        Assert.Equal(1 + 4 + 4 + 5 + 3, row.Sum()); // operator, four digits per operand, five of the answer, three bits
        Assert.False(CriticFeatures.CanEncode(ResponseAssessment.Of(p, " 887 or 888")));
        Assert.Throws<ArgumentException>(() => CriticFeatures.Encode(p, ResponseAssessment.Of(p, " 887 or 888"), row));
    }
}
