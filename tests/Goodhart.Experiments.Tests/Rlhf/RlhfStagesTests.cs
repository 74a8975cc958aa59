using System.Reflection;
using Goodhart.Core;
using Goodhart.Experiments.Rlhf;
using Goodhart.Learning.Rlhf;

namespace Goodhart.Experiments.Tests.Rlhf;

public sealed class RlhfStagesTests
{
    private static readonly RlhfConfig Tiny = RlhfPresets.Tiny with { SftSteps = 3, SftExamples = 40, TrainPairs = 6, EvalPairs = 4, MaxNewTokens = 8 };

    public RlhfStagesTests() => Environment.SetEnvironmentVariable("GOODHART_TORCH_THREADS", "1");

    [Fact]
    public void Every_stage_stream_is_its_own()
    {
        var streams = typeof(RlhfSeeds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name != nameof(RlhfSeeds.HeldOutOffset))
            .Select(f => (ulong)f.GetRawConstantValue()!)
            .ToArray();
        Assert.True(streams.Length >= 16);
        Assert.Equal(streams.Length, streams.Distinct().Count());
        // Held-out streams (stream + offset) never collide with another stage's stream.
        Assert.DoesNotContain(streams, s => streams.Contains(s + RlhfSeeds.HeldOutOffset));
    }

    [Fact]
    public void The_presets_are_valid_and_the_settings_round_trip_through_config_json()
    {
        foreach (var size in RlhfPresets.Sizes)
        {
            var preset = RlhfPresets.Get(size);
            preset.Validate();
            Assert.Equal(size, preset.Size);
        }
        RlhfPresets.Serve.Validate();
        Assert.Throws<UnknownNameException>(() => RlhfPresets.Get("huge"));
        var path = Path.Combine(Directory.CreateTempSubdirectory("goodhart-rlhf-config-").FullName, "config.json");
        var config = RlhfPresets.Default with { Seed = 9, Rater = "careful", Betas = [0.2, 0.4] };
        File.WriteAllText(path, config.ToJson());
        var back = RlhfConfig.Load(path);
        Assert.Equal(config.ToJson(), back.ToJson());
        Assert.Equal([0.2, 0.4], back.Betas);
        // Only the settings travel: derived option records stay out of the file.
        Assert.DoesNotContain("\"model\"", config.ToJson(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"ppo_options\"", config.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_config_json_names_the_file_and_line()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("goodhart-rlhf-config-").FullName, "config.json");
        File.WriteAllText(path, "{\n  \"seed\": 1,\n  \"train_pairz\": 3\n}");
        var e = Assert.Throws<UserInputException>(() => RlhfConfig.Load(path));
        Assert.StartsWith(path + ":", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_stages_hand_back_live_models_and_the_same_seed_gives_the_same_pairs()
    {
        var corpus = RlhfStages.SftCorpus(Tiny);
        Assert.Equal(Tiny.SftExamples, corpus.Count);
        var (policy, result) = RlhfStages.Sft(Tiny, corpus);
        using (policy)
        {
            Assert.Equal(3, result.Losses.Count);
            var train = RlhfStages.Label(Tiny, policy);
            var again = RlhfStages.Label(Tiny, policy);
            var heldOut = RlhfStages.Label(Tiny, policy, heldOut: true);
            Assert.InRange(train.Count, 1, Tiny.TrainPairs);
            Assert.Equal(train.Select(p => (p.Prompt, p.Chosen, p.Rejected)), again.Select(p => (p.Prompt, p.Chosen, p.Rejected)));
            Assert.NotEqual(train.Select(p => p.Prompt), heldOut.Select(p => p.Prompt));

            // The reward models come back trained and usable; the caller disposes them.
            var members = RlhfStages.RewardModels(Tiny, policy, train);
            try
            {
                Assert.Equal(Tiny.RmMembers, members.Count);
                var evaluations = RlhfStages.EvaluateRewardModels(Tiny, [.. members.Select(m => m.Model)], heldOut);
                Assert.Equal(["rm", "ensemble-2-mean", "ensemble-2-wco", "ensemble-2-uwo", "typical-utility", "gold", "rm-1"], evaluations.Select(e => e.Name));
                // Gold orders every pair whose gold scores differ (NaN when the tiny policy gives none).
                var gold = evaluations.Single(e => e.Name == "gold").Evaluation.GoldAccuracy;
                Assert.True(double.IsNaN(gold) || gold == 1.0, $"gold accuracy {gold}");
            }
            finally
            {
                foreach (var (model, _) in members)
                    model.Dispose();
            }

            using var reference = PolicyCopies.FrozenReference(policy);
            var (dpo, dpoResult) = RlhfStages.Dpo(Tiny, policy, reference, train, 0.1, RlhfStages.Evaluator(Tiny, reference));
            using (dpo)
            {
                Assert.Equal("dpo-typical-beta-0.1", dpoResult.Method);
                Assert.NotEmpty(dpoResult.Evaluations);
                // Handed back alive: the caller can still use (and save) the trained policy.
                Assert.NotEmpty(dpo.parameters());
            }
        }
    }
}
