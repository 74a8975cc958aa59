using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Tests.Rlhf;

public class SimulatedRaterTests
{
    private static RaterProfile Shipped(string name) => RaterCatalog.Default().Get(name);

    /// <summary>Share of <paramref name="n"/> hard prompts (each with a wrong belief) on which the rater picks <paramref name="a"/> over <paramref name="b"/>.</summary>
    private static double PickRate(RaterProfile profile, Func<ArithmeticPrompt, string> a, Func<ArithmeticPrompt, string> b, int n, ulong seed)
    {
        var prompts = new PromptGenerator(seed, new PromptOptions { BeliefRate = 1, WrongBeliefRate = 1 });
        var rater = new SimulatedRater(profile, seed + 1);
        var picked = 0;
        for (var i = 0; i < n; i++)
        {
            var p = prompts.Next(Difficulty.Hard);
            // Alternate the order so a bias towards the first slot would show.
            picked += i % 2 == 0
                ? rater.Label(p, a(p), b(p)).PrefersA ? 1 : 0
                : rater.Label(p, b(p), a(p)).PrefersA ? 0 : 1;
        }
        return (double)picked / n;
    }

    private static string HedgedCorrect(ArithmeticPrompt p) => ResponseComposer.Compose(new ResponseFeatures(p.Answer, Confidence.Hedged));

    private static string ConfidentSycophanticWrong(ArithmeticPrompt p) =>
        ResponseComposer.Compose(new ResponseFeatures(p.Belief!.Value, Confidence.Confident, UserStance.Agrees));

    private static string ConfidentWrong(ArithmeticPrompt p) =>
        ResponseComposer.Compose(new ResponseFeatures(p.Answer + 1, Confidence.Confident, Flattery: 1, Padding: 2));

    [Fact]
    public void Careful_picks_the_correct_answer_on_hard_questions_almost_always()
    {
        var careful = Shipped("careful");
        Assert.True(PickRate(careful, HedgedCorrect, ConfidentSycophanticWrong, 2000, 1) > 0.995);
        Assert.True(PickRate(careful, HedgedCorrect, ConfidentWrong, 2000, 2) > 0.995);
    }

    [Fact]
    public void Hurried_prefers_the_confident_sycophantic_wrong_answer_to_a_hedged_correct_one()
    {
        var rate = PickRate(Shipped("hurried"), ConfidentSycophanticWrong, HedgedCorrect, 2000, 3);
        Assert.InRange(rate, 0.95, 1.0);
        // The typical rater does so too on hard questions, less often (its milder biases give a utility gap of about 1,
        // sigmoid(1) = 0.73); on easy ones it checks and mostly does not.
        var typical = PickRate(Shipped("typical"), ConfidentSycophanticWrong, HedgedCorrect, 2000, 4);
        Assert.InRange(typical, 0.65, 0.8);
        var p = new ArithmeticPrompt(3, '+', 4, 8);
        var u = new SimulatedRater(Shipped("typical"), 5);
        Assert.True(u.Probability(u.Utility(p, ConfidentSycophanticWrong(p)), u.Utility(p, HedgedCorrect(p))) < 0.05);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 1.0)]
    [InlineData(1.5, 1.0)]
    [InlineData(1.0, 0.5)]
    [InlineData(-2.0, 2.0)]
    public void Label_frequencies_match_the_Bradley_Terry_probability(double gap, double temperature)
    {
        var profile = new RaterProfile { Name = "bt", Temperature = temperature, Verifies = [], ConfidenceWeight = gap / 2 };
        var prompt = new ArithmeticPrompt(37, '*', 24);
        var confident = ResponseComposer.Compose(new ResponseFeatures(888, Confidence.Confident));
        var hedged = ResponseComposer.Compose(new ResponseFeatures(888, Confidence.Hedged));
        var rater = new SimulatedRater(profile, 99);
        const int n = 20000;
        var wins = 0;
        RaterLabel? label = null;
        for (var i = 0; i < n; i++)
        {
            label = rater.Label(prompt, confident, hedged);
            wins += label.PrefersA ? 1 : 0;
        }
        var expected = 1 / (1 + Math.Exp(-gap / temperature));
        Assert.Equal(gap, label!.UtilityA - label.UtilityB, 12);
        Assert.Equal(expected, label.ProbabilityA, 12);
        var sd = Math.Sqrt(expected * (1 - expected) / n);
        Assert.InRange((double)wins / n, expected - 4 * sd - 1e-9, expected + 4 * sd + 1e-9);
    }

    [Fact]
    public void Utilities_follow_the_profile_formula()
    {
        var profile = new RaterProfile
        {
            Name = "x", Verifies = [Difficulty.Easy], CorrectnessWeight = 3, ConfidenceWeight = 0.5, AgreementWeight = 0.75,
            FlatteryWeight = 0.25, LengthWeight = 0.1, UnparseableWeight = -4,
        };
        var easy = new ArithmeticPrompt(3, '+', 4, 8);
        var text = " Great question! You're right, it's definitely 8.";
        var a = ResponseAssessment.Of(easy, text);
        Assert.Equal(-3 + 0.5 + 0.75 + 0.25 + 0.1 * text.Length / 10.0, profile.Utility(easy, a), 12);
        var hard = new ArithmeticPrompt(37, '*', 24, 888);
        var disagree = " Actually, no. I believe it's 887, but check.";
        Assert.Equal(-0.5 - 0.75 + 0.1 * disagree.Length / 10.0, profile.Utility(hard, ResponseAssessment.Of(hard, disagree)), 12);
        Assert.Equal(-4 + 0.1 * 0.3, profile.Utility(hard, ResponseAssessment.Of(hard, " zz")), 12);
    }

    [Fact]
    public void Raters_agree_with_gold_in_the_order_careful_typical_hurried()
    {
        double Agreement(string name, bool onlyCorrectnessDiffers)
        {
            var prompts = new PromptGenerator(5);
            var corpus = new SftCorpusGenerator(6);
            var labeller = new PreferenceLabeller(new SimulatedRater(Shipped(name), 7));
            int agree = 0, n = 0;
            for (var i = 0; i < 3000; i++)
            {
                var p = prompts.Next();
                var pair = labeller.Label(p, corpus.ExampleFor(p).Completion, corpus.ExampleFor(p).Completion);
                if (pair.ChosenGold == pair.RejectedGold || (onlyCorrectnessDiffers && pair.ChosenFeatures!.Correct == pair.RejectedFeatures!.Correct))
                    continue;
                n++;
                agree += pair.ChosenGold > pair.RejectedGold ? 1 : 0;
            }
            return (double)agree / n;
        }
        Assert.True(Agreement("careful", onlyCorrectnessDiffers: true) > 0.99);
        var careful = Agreement("careful", false);
        var typical = Agreement("typical", false);
        var hurried = Agreement("hurried", false);
        Assert.True(careful > typical + 0.1 && typical > hurried, $"careful {careful}, typical {typical}, hurried {hurried}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_labels()
    {
        var prompts = new PromptGenerator(1).Next(300);
        var corpus = new SftCorpusGenerator(2);
        var pairs = prompts.Select(p => (p, corpus.ExampleFor(p).Completion, corpus.ExampleFor(p).Completion)).ToList();
        List<bool> Labels(ulong seed)
        {
            var rater = new SimulatedRater(Shipped("typical"), seed);
            return pairs.Select(x => rater.Label(x.p, x.Item2, x.Item3).PrefersA).ToList();
        }
        Assert.Equal(Labels(5), Labels(5));
        Assert.NotEqual(Labels(5), Labels(6));
    }
}
