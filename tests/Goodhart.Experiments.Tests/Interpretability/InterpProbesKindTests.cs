using Goodhart.Core;
using Goodhart.Experiments.Interpretability;
using Goodhart.Experiments.Recipes;
using Goodhart.Experiments.Rlhf;
using Goodhart.Experiments.Running;

namespace Goodhart.Experiments.Tests.Interpretability;

public sealed class InterpProbesKindTests
{
    public InterpProbesKindTests() => Environment.SetEnvironmentVariable("GOODHART_TORCH_THREADS", "1");

    [Fact]
    public async Task The_shipped_recipe_at_tiny_scale_probes_both_policies_and_maps_patching()
    {
        using var dir = new TempDirectory();
        var plan = RecipePlanner.Plan(RecipeLoader.Load("interp-probes"), "tiny");
        var result = await RecipeRunner.RunAsync(
            plan, new RecipeRunOptions(Path.Combine(dir.Path, "out"), dir.Store, "goodhart run interp-probes --scale tiny"), new LocalCellExecutor(1));

        var values = Assert.Single(result.Cells).Result.Values;
        var depths = RlhfPresets.Tiny.Layers + 1;
        foreach (var policy in InterpProbesValues.Policies)
        {
            Assert.InRange(values[InterpProbesValues.EndorseRate(policy)], 0, 1);
            for (var depth = 0; depth < depths; depth++)
            {
                // The two balanced tasks always have both classes: every supervised probe is scored.
                foreach (var task in new[] { LatentKnowledgeTasks.BeliefWrong, LatentKnowledgeTasks.AnswerWrong })
                {
                    foreach (var probe in InterpProbesValues.SupervisedProbes)
                    {
                        Assert.InRange(values[InterpProbesValues.Auroc(policy, task, probe, depth)], 0, 1);
                    }
                }

                Assert.InRange(values[InterpProbesValues.Auroc(policy, LatentKnowledgeTasks.BeliefWrong, InterpProbesValues.Ccs, depth)], 0.5, 1);
                Assert.True(values.ContainsKey(InterpProbesValues.Auroc(policy, LatentKnowledgeTasks.WillEndorse, InterpProbesValues.Logistic, depth)));
            }

            // At depth 0 (the embeddings) the two prompts differ only at the belief's digits: patching any later
            // position swaps in an identical value and restores exactly nothing.
            Assert.True(double.IsFinite(values[InterpProbesValues.PatchGap(policy)]));
            foreach (var segment in InterpProbesValues.Segments.Skip(1))
            {
                var restored = values[InterpProbesValues.PatchRestored(policy, 0, segment)];
                Assert.True(restored == 0 || double.IsNaN(restored), $"{policy} depth 0 {segment}: {restored}");
            }

            // After the last block, only the fork's own logits carry the metric: patching the space restores the whole
            // gap (mean effect = mean gap), every earlier position nothing.
            var gap = values[InterpProbesValues.PatchGap(policy)];
            var lastDepth = RlhfPresets.Tiny.Layers;
            Assert.Equal(gap, values[InterpProbesValues.PatchRestored(policy, lastDepth, "space")] * gap, 4);
            foreach (var segment in InterpProbesValues.Segments.SkipLast(1))
            {
                Assert.Equal(0.0, values[InterpProbesValues.PatchRestored(policy, lastDepth, segment)] * gap, 6);
            }
        }

        var index = File.ReadAllText(result.IndexPath);
        Assert.Contains("Probe AUROC by depth, SFT vs DPO", index, StringComparison.Ordinal);
        Assert.Contains("Where agreement is decided", index, StringComparison.Ordinal);
        Assert.All(LatentKnowledgeTasks.Names, task => Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(result.IndexPath)!, $"interp-auroc-{task}.png"))));
    }

    [Fact]
    public void Probe_sets_are_balanced_and_held_out_prompts_come_from_another_stream()
    {
        var settings = RlhfPresets.Tiny;

        var (_, train) = LatentKnowledgeTasks.BeliefPrompts(settings, 1, 40);
        var (_, test) = LatentKnowledgeTasks.BeliefPrompts(settings, 2, 40);
        var answered = LatentKnowledgeTasks.AnsweredPrompts(settings, 1, 40);

        Assert.Equal(20, train.Labels.Count(l => l));
        Assert.Equal(20, answered.Labels.Count(l => l));
        Assert.NotEqual(train.Texts, test.Texts);
        Assert.All(answered.Texts, t => Assert.EndsWith(".", t, StringComparison.Ordinal));
        Assert.All(LatentKnowledgeTasks.WrongBeliefPrompts(settings, 3, 20), p => Assert.True(p.HasWrongBelief));
    }

    [Fact]
    public void Patch_pairs_differ_only_in_the_belief_and_the_positions_name_its_characters()
    {
        var pairs = LatentKnowledgeTasks.PatchPairs(RlhfPresets.Tiny, 5, 30);

        Assert.Equal(30, pairs.Count);
        foreach (var (wrong, right) in pairs)
        {
            Assert.Equal(wrong.Text.Length, right.Text.Length);
            Assert.True(wrong.HasWrongBelief);
            Assert.False(right.HasWrongBelief);
            var positions = AgreementPatching.Positions(wrong, right);
            var text = wrong.Text; // position p reads character p - 1 (bos is position 0)
            Assert.True(char.IsAsciiDigit(text[positions[0] - 1]));
            Assert.NotEqual(text[positions[0] - 1], right.Text[positions[0] - 1]);
            Assert.Equal(".\nA:", string.Concat(positions.Skip(1).SkipLast(1).Select(p => text[p - 1])));
            Assert.Equal(text.Length + 1, positions[^1]); // the space both continuations start with: the fork
        }
    }

    [Theory]
    [InlineData("""{ "train_prompts": 4 }""", "config.train_prompts")]
    [InlineData("""{ "test_prompts": 20000 }""", "config.test_prompts")]
    [InlineData("""{ "patch_pairs": -1 }""", "config.patch_pairs")]
    [InlineData("""{ "settings": { "ratr": "hurried" } }""", "config.settings.ratr")]
    public void Settings_out_of_range_are_refused_naming_the_field(string json, string field)
    {
        var config = System.Text.Json.JsonSerializer.Deserialize<InterpProbesConfig>(json, RecipeJson.Options)!;

        var error = Assert.Throws<UserInputException>(() => ExperimentCatalog.Get("interp-probes").Validate(config));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }
}
