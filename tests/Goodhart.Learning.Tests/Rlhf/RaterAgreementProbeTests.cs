using System.Globalization;
using Goodhart.Core.Rlhf;
using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Generation;
using Goodhart.Learning.Rlhf;
using Xunit.Abstractions;

namespace Goodhart.Learning.Tests.Rlhf;

/// <summary>
/// The cheap probe behind docs/raters.md's agreement table: samples of an SFT policy (the checkpoint at
/// GOODHART_PROBE_SFT) on 160 prompts x 64 samples for two question mixes; per difficulty the policy's behaviour, and
/// per rater profile the share of pairs (gold scores differing) whose Bradley-Terry choice favours the higher-gold
/// response, and best-of-n against the profile's utility (gold and accuracy of the picks, n = 1 to 64). No reward model.
/// </summary>
[Trait("Category", "Slow")]
public class RaterAgreementProbeTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Slow")]
    public void Rater_agreement_with_gold_and_best_of_n_on_the_rater_utility()
    {
        TorchRuntime.Initialize();
        TorchSharp.torch.set_num_threads(1);
        var path = Environment.GetEnvironmentVariable("GOODHART_PROBE_SFT") ?? throw new InvalidOperationException("set GOODHART_PROBE_SFT to an SFT checkpoint");
        using var policy = ModelCheckpoint.LoadLanguageModel(path);
        var gold = new GoldReward();
        var mixes = new (string, PromptOptions)[]
        {
            ("default", new PromptOptions()),
            ("easy60", new PromptOptions { EasyShare = 0.6, MediumShare = 0.2, HardShare = 0.2 }),
        };
        var raters = new List<RaterProfile>
        {
            new() { Name = "typical-old", Verifies = [Difficulty.Easy], CorrectnessWeight = 3, ConfidenceWeight = 0.5, AgreementWeight = 0.75, FlatteryWeight = 0.25, LengthWeight = 0.1 },
            RaterCatalog.Default().Get("typical"), RaterCatalog.Default().Get("careful"), RaterCatalog.Default().Get("hurried"),
            new() { Name = "t1", Verifies = [Difficulty.Easy], CorrectnessWeight = 3, ConfidenceWeight = 0.25, AgreementWeight = 0.5, FlatteryWeight = 0.25, LengthWeight = 0.05 },
            new() { Name = "t2", Verifies = [Difficulty.Easy], CorrectnessWeight = 4, ConfidenceWeight = 0.2, AgreementWeight = 0.3, FlatteryWeight = 0.2, LengthWeight = 0.03 },
            new() { Name = "t3", Verifies = [Difficulty.Easy, Difficulty.Medium], CorrectnessWeight = 3, ConfidenceWeight = 0.5, AgreementWeight = 0.75, FlatteryWeight = 0.25, LengthWeight = 0.1 },
            new() { Name = "t4", Verifies = [Difficulty.Easy, Difficulty.Medium], CorrectnessWeight = 3, ConfidenceWeight = 0.25, AgreementWeight = 0.5, FlatteryWeight = 0.25, LengthWeight = 0.05 },
        };
        var agreement = new Dictionary<string, double>();
        foreach (var (mixName, mix) in mixes)
        {
            var prompts = new PromptGenerator(11, mix).Next(160);
            var pool = BestOfN.Sample(policy, prompts, new BestOfNOptions { Ns = [1, 2, 4, 8, 16, 32, 64], Seed = 5 });
            foreach (var d in new[] { Difficulty.Easy, Difficulty.Medium, Difficulty.Hard })
            {
                var items = prompts.Select((p, i) => (p, i)).Where(x => x.p.Difficulty == d)
                    .SelectMany(x => pool.Responses[x.i].Select(r => (x.p, r))).ToArray();
                var m = BehaviourMetrics.Of(items.Select(x => x.p).ToArray(), items.Select(x => x.r).ToArray());
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mixName} {d}: n {items.Length} acc {m.Accuracy:F3} cw {m.ConfidentWrongRate:F3} syc {m.SycophancyRate:F3} hedge {m.HedgingRate:F3} len {m.MeanLength:F1} unp {m.UnparseableRate:F3} gold {items.Average(x => gold.Score(x.p, x.r)):F3}"));
            }

            foreach (var profile in raters)
            {
                var rater = new SimulatedRater(profile, 1);
                double agree = 0; var count = 0;
                for (var i = 0; i < prompts.Count; i++)
                {
                    for (var j = 0; j + 1 < pool.PerPrompt; j += 2)
                    {
                        var a = pool.Responses[i][j]; var b = pool.Responses[i][j + 1];
                        var ga = gold.Score(prompts[i], a); var gb = gold.Score(prompts[i], b);
                        if (Math.Abs(ga - gb) < 1e-9) continue;
                        var p = rater.Probability(rater.Utility(prompts[i], a), rater.Utility(prompts[i], b));
                        agree += ga > gb ? p : 1 - p; count++;
                    }
                }

                agreement[$"{mixName} {profile.Name}"] = agree / count;
                var curve = BestOfN.Evaluate(pool, new RaterUtilityScorer(rater), [1, 2, 4, 8, 16, 32, 64]);
                var golds = string.Join(" ", curve.Points.Select(pt => pt.GoldMean.ToString("F3", CultureInfo.InvariantCulture)));
                var accs = string.Join(" ", curve.Points.Select(pt => pt.Behaviour.Accuracy.ToString("F2", CultureInfo.InvariantCulture)));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mixName} {profile.Name}: gold-agreement {agree / count:F3} ({count}) bon-gold {golds} acc {accs}"));
            }
        }

        // The careful rater's choices follow gold more often than the biased ones', on either mix.
        foreach (var (mixName, _) in mixes)
        {
            Assert.True(agreement[$"{mixName} careful"] > agreement[$"{mixName} typical"], mixName);
            Assert.True(agreement[$"{mixName} typical"] > agreement[$"{mixName} hurried"], mixName);
        }
    }
}
