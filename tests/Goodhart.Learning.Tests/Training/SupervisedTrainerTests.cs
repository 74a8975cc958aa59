using Goodhart.Core.Rlhf;
using Goodhart.Learning.Data;
using Goodhart.Learning.Generation;
using Goodhart.Learning.Training;

namespace Goodhart.Learning.Tests.Training;

public class SupervisedTrainerTests
{
    private static readonly SupervisedOptions Quick = new() { Steps = 40, BatchSize = 6, LearningRate = 1e-2, WarmupSteps = 5, Seed = 3 };

    private static readonly IReadOnlyList<SftExample> Sentences =
    [
        new("The cat ", "sat on the mat."),
        new("The dog ", "ran in the park."),
        new("A bird ", "sang at dawn."),
        new("The fish ", "swam in the pond."),
    ];

    [Fact]
    public void Loss_falls_on_a_tiny_corpus()
    {
        using var model = Tiny.Model();
        using var trainer = new SupervisedTrainer(model, Quick);

        var result = trainer.Train(Sentences);

        Assert.Equal(40, result.Losses.Count);
        Assert.Equal(40, trainer.Step);
        Assert.InRange(result.Losses[0], Math.Log(99) - 0.5, Math.Log(99) + 0.5); // starts near uniform
        Assert.True(result.Losses.TakeLast(5).Average() < 0.5 * result.Losses[0],
            $"loss went from {result.Losses[0]} to {result.Losses.TakeLast(5).Average()}");
        Assert.True(result.Tokens > 0);
    }

    [Fact]
    public void Greedy_sampling_reproduces_memorised_sums()
    {
        using var model = Tiny.Model(seed: 2);
        using var trainer = new SupervisedTrainer(model, Quick with { Steps = 100, Schedule = LearningRateSchedule.Constant });

        trainer.Train(Tiny.Arithmetic);
        var answers = Sampler.Generate(model, Tiny.Arithmetic.Select(e => e.Prompt).ToArray(), SamplingOptions.Greedy with { MaxNewTokens = 5 });
        var tokens = Sampler.Generate(model, Tiny.Arithmetic.Select(e => e.PromptTokens()).ToArray(), SamplingOptions.Greedy with { MaxNewTokens = 5 });

        Assert.Equal(Tiny.Arithmetic.Select(e => e.Completion), answers);
        Assert.Equal(Tiny.Arithmetic.Select(e => e.ContinuationTokens()), tokens); // each stops at its eos
    }

    [Fact]
    public void Every_parameter_changes_after_one_step()
    {
        using var model = Tiny.Model(options: Tiny.Options with { TieEmbeddings = false });
        using var trainer = new SupervisedTrainer(model, Quick with { WarmupSteps = 0 });
        var before = Tiny.Weights(model);

        trainer.TrainStep(
            Sentences.Select(e => e.PromptTokens()).ToArray(),
            Sentences.Select(e => e.ContinuationTokens()).ToArray());
        var after = Tiny.Weights(model);

        Assert.All(before, p => Assert.False(p.Value.SequenceEqual(after[p.Key]), $"{p.Key} did not change"));
    }

    [Fact]
    public void The_same_seed_gives_the_same_losses_and_weights()
    {
        var (lossesA, weightsA) = Run(seed: 5);
        var (lossesB, weightsB) = Run(seed: 5);
        var (lossesC, _) = Run(seed: 6);

        Assert.Equal(lossesA, lossesB);
        Assert.All(weightsA, p => Assert.Equal(p.Value, weightsB[p.Key]));
        Assert.NotEqual(lossesA, lossesC);

        static (IReadOnlyList<double>, Dictionary<string, float[]>) Run(ulong seed)
        {
            using var model = Tiny.Model(seed);
            using var trainer = new SupervisedTrainer(model, Quick with { Steps = 8, Seed = seed });
            var result = trainer.Train(Tiny.Arithmetic);
            return (result.Losses, Tiny.Weights(model));
        }
    }

    [Fact]
    public void A_resumed_run_equals_an_uninterrupted_one()
    {
        var options = Quick with { Steps = 12, BatchSize = 4 };
        using var temp = new TemporaryFolder();
        var folder = temp.Path;
        using var straightModel = Tiny.Model(seed: 9);
        using var straight = new SupervisedTrainer(straightModel, options);
        var straightLosses = straight.Train(Sentences).Losses;

        using (var firstModel = Tiny.Model(seed: 9))
        using (var first = new SupervisedTrainer(firstModel, options with { CheckpointEvery = 7 }))
        using (var interrupt = new CancellationTokenSource())
        {
            var stopAfterSeven = new SynchronousProgress(p =>
            {
                if (p.Step == 7)
                {
                    interrupt.Cancel();
                }
            });
            Assert.Throws<OperationCanceledException>(() => first.Train(Sentences, folder, stopAfterSeven, interrupt.Token));
        }

        using var resumed = SupervisedTrainer.Resume(folder);
        var rest = resumed.Train(Sentences);

        Assert.Equal(7, rest.FirstStep);
        Assert.Equal(12, rest.LastStep);
        Assert.Equal(straightLosses.Skip(7), rest.Losses);
        var expected = Tiny.Weights(straightModel);
        Assert.All(Tiny.Weights(resumed.Model), p => Assert.Equal(expected[p.Key], p.Value));
    }

    [Fact]
    public void Checkpoints_are_written_every_n_steps_with_the_step_count()
    {
        using var temp = new TemporaryFolder();
        var folder = temp.Path;
        using var model = Tiny.Model();
        using var trainer = new SupervisedTrainer(model, Quick with { Steps = 5, CheckpointEvery = 2 });
        var seen = new List<int>();

        trainer.Train(Sentences, folder, new SynchronousProgress(p => seen.Add(p.Step)));

        Assert.Equal([1, 2, 3, 4, 5], seen);
        Assert.True(File.Exists(Path.Combine(folder, SupervisedTrainer.ModelFile)));
        Assert.True(File.Exists(Path.Combine(folder, SupervisedTrainer.OptimizerFile)));
        Assert.Contains("\"global_step\": 5", File.ReadAllText(Path.Combine(folder, SupervisedTrainer.StateFile)));
    }

    [Theory]
    [InlineData(0, 0.001)] // warm-up: (0 + 1) / 10 of the peak
    [InlineData(9, 0.01)]
    [InlineData(10, 0.01)] // cosine starts at the peak
    [InlineData(99, 0.001)] // and ends at the floor (10%)
    public void The_learning_rate_warms_up_then_follows_the_cosine(int step, double expected)
    {
        var options = new SupervisedOptions { Steps = 100, LearningRate = 0.01, WarmupSteps = 10 };

        Assert.Equal(expected, options.LearningRateAt(step), 12);
        Assert.Equal(0.01, (options with { Schedule = LearningRateSchedule.Constant }).LearningRateAt(50), 12);
    }

    private sealed class SynchronousProgress(Action<SupervisedProgress> report) : IProgress<SupervisedProgress>
    {
        public void Report(SupervisedProgress value) => report(value);
    }
}
