using System.Globalization;
using Goodhart.Core.Rlhf;
using Goodhart.Learning.Rlhf;

namespace Goodhart.Learning.Tests.Rlhf;

/// <summary>Small preference sets and scorers for the reward-model tests.</summary>
internal static class Preferences
{
    /// <summary>Six tiny right-over-wrong pairs on one-digit sums (no world prompt format): the DPO and resume tests' data.</summary>
    public static IReadOnlyList<PreferencePair> TinySums { get; } =
    [
        new("2+2=", "4", "5"),
        new("3+5=", "8", "9"),
        new("1+6=", "7", "6"),
        new("4+5=", "9", "8"),
        new("9-7=", "2", "3"),
        new("2*3=", "6", "5"),
    ];

    /// <summary>
    /// Pairs on sums a+b (a, b in <paramref name="from"/>..<paramref name="to"/>) where the plain correct answer is
    /// chosen over a hedged wrong one: separable by the surface alone, and the rater agrees with gold.
    /// </summary>
    public static IReadOnlyList<PreferencePair> PlainOverHedged(int from, int to)
    {
        var pairs = new List<PreferencePair>();
        for (var a = from; a <= to; a++)
        {
            for (var b = from; b <= to; b++)
            {
                var prompt = new ArithmeticPrompt(a, '+', b);
                pairs.Add(new PreferencePair(
                    prompt.Text,
                    string.Create(CultureInfo.InvariantCulture, $" It's {a + b}."),
                    string.Create(CultureInfo.InvariantCulture, $" Maybe {a + b + 1}? Not sure.")));
            }
        }

        return pairs;
    }

    /// <summary>A scorer computing a function of the response, counting the pairs it was asked for.</summary>
    public sealed class FunctionScorer(string name, Func<string, double> score) : IRewardScorer
    {
        public int Calls { get; private set; }

        public int PairsScored { get; private set; }

        public string Name => name;

        public double[] Score(IReadOnlyList<string> prompts, IReadOnlyList<string> responses)
        {
            Calls++;
            PairsScored += responses.Count;
            return responses.Select(score).ToArray();
        }
    }
}
