using Goodhart.Learning.DeepRl;
using Goodhart.Learning.DeepRl.Dqn;
using Goodhart.Learning.Tests.DeepRl;
using TorchSharp;

namespace Goodhart.Learning.Tests;

public sealed class TorchRuntimeTests
{
    [Fact]
    public void Thread_count_defaults_to_the_processor_count()
    {
        Assert.Equal(Environment.ProcessorCount, TorchRuntime.ThreadCount(null));
        Assert.Equal(Environment.ProcessorCount, TorchRuntime.ThreadCount(" "));
    }

    [Fact]
    public void Thread_count_reads_a_positive_integer()
    {
        Assert.Equal(1, TorchRuntime.ThreadCount("1"));
        Assert.Equal(3, TorchRuntime.ThreadCount(" 3 "));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("two")]
    public void Thread_count_rejects_other_values_naming_the_variable(string setting)
    {
        var error = Assert.Throws<ArgumentException>(() => TorchRuntime.ThreadCount(setting));
        Assert.Contains(TorchRuntime.ThreadsVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Use_threads_pins_the_count_for_this_thread_and_for_threads_that_start_torch_work_later()
    {
        TorchRuntime.Initialize();
        var before = torch.get_num_threads();
        try
        {
            foreach (var threads in new[] { 1, 2, 1 })
            {
                TorchRuntime.UseThreads(threads);
                Assert.Equal(threads, torch.get_num_threads());
                var seen = 0;
                var fresh = new Thread(() => seen = torch.get_num_threads());
                fresh.Start();
                fresh.Join();
                Assert.Equal(threads, seen);
            }
        }
        finally
        {
            TorchRuntime.UseThreads(before);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(TorchRuntime.MaxThreads + 1)]
    public void Use_threads_refuses_a_count_out_of_range(int threads)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TorchRuntime.UseThreads(threads));
        Assert.Throws<ArgumentOutOfRangeException>(() => TorchRuntime.PinThreads(threads));
    }

    [Fact]
    public void A_pin_holds_the_count_until_it_ends_and_then_restores_the_one_before()
    {
        TorchRuntime.Initialize();
        var before = torch.get_num_threads();
        try
        {
            TorchRuntime.UseThreads(3);
            using (var outer = TorchRuntime.PinThreads(1))
            {
                Assert.Equal(3, outer.Previous);
                Assert.Equal(1, torch.get_num_threads());
                Assert.Equal(1, CountOnAFreshThread());
                using (TorchRuntime.PinThreads(2))
                    Assert.Equal(2, torch.get_num_threads());
                Assert.Equal(1, torch.get_num_threads());
                outer.Dispose();
                Assert.Equal(3, torch.get_num_threads());
            }
            // Disposing twice (above, then by using) restores once.
            Assert.Equal(3, torch.get_num_threads());
            Assert.Equal(3, CountOnAFreshThread());
        }
        finally
        {
            TorchRuntime.UseThreads(before);
        }
    }

    [Theory]
    [InlineData("ppo")]
    [InlineData("a2c")]
    [InlineData("dqn")]
    public void Deep_rl_training_runs_at_one_thread_and_leaves_the_count_it_found(string agent)
    {
        // Before the pin was scoped, a host that trained deep RL (the web workbench) was left at one thread afterwards.
        TorchRuntime.Initialize();
        var before = torch.get_num_threads();
        try
        {
            TorchRuntime.UseThreads(3);
            var during = 0;
            if (agent == "dqn")
            {
                var options = DqnOptions.Rainbow with { TotalSteps = 80, Envs = 2, BufferSize = 80, BatchSize = 8, Hidden = 16, Atoms = 11, LearningStarts = 40, TargetUpdateInterval = 20, DiagnosticsEvery = 10, CheckpointEvery = 0 };
                using var trainer = new DqnTrainer(DeepRlFixture.BoatRace, options, seed: 4);
                trainer.Train(onStepped: _ => during = torch.get_num_threads());
            }
            else
            {
                var request = new DeepTrainingRequest { MakeEnv = DeepRlFixture.BoatRace, Steps = 64, Seed = 4, Network = DeepRlFixture.SmallNetwork };
                IDeepAgent learner = agent == "ppo" ? new Ppo(DeepRlFixture.SmallPpo) : new A2c(DeepRlFixture.SmallA2c);
                using var policy = learner.Train(request, new DeepTrainingHooks { Updated = _ => during = torch.get_num_threads() }).Policy;
            }
            Assert.Equal(1, during);
            Assert.Equal(3, torch.get_num_threads());
        }
        finally
        {
            TorchRuntime.UseThreads(before);
        }
    }

    private static int CountOnAFreshThread()
    {
        var seen = 0;
        var fresh = new Thread(() => seen = torch.get_num_threads());
        fresh.Start();
        fresh.Join();
        return seen;
    }
}
