using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Tests.Checkpoints;

namespace Goodhart.Learning.Tests.Rlhf;

/// <summary>
/// Fault tests of the atomic checkpoint sets: a DPO, PPO or reward-model run is stopped at every durable step of
/// every save (each file written, the commit point, each move into place), as a kill would stop it, then resumed in a
/// fresh trainer; the resumed run must equal an uninterrupted one bit for bit (the set is never torn, so it is never
/// refused here). In-process: the stop is an exception thrown from <see cref="CheckpointSet"/>'s test hook and nothing
/// runs after it in the stopped trainer, which is what the file system sees after a kill.
/// </summary>
[Trait("Category", "Slow")]
public class CheckpointFaultTests
{
    [Fact]
    public void Dpo_stopped_anywhere_in_a_save_resumes_bit_exactly() =>
        StoppedEverywhere(folder =>
        {
            var (result, weights) = RlhfResumeTests.RunDpo(folder, cancelAt: null);
            return (result.Metrics.Cast<object>().ToArray(), weights);
        });

    [Fact]
    public void Ppo_stopped_anywhere_in_a_save_resumes_bit_exactly() =>
        StoppedEverywhere(folder =>
        {
            var (result, weights) = RlhfResumeTests.RunPpo(folder, cancelAt: null);
            return (result.Metrics.Cast<object>().ToArray(), weights);
        });

    [Fact]
    public void Reward_model_stopped_anywhere_in_a_save_resumes_bit_exactly() =>
        StoppedEverywhere(folder =>
        {
            var (result, weights) = RlhfResumeTests.RunRewardModel(Preferences.PlainOverHedged(1, 3), folder, cancelAt: null);
            return (result.History.Cast<object>().ToArray(), weights);
        });

    private static void StoppedEverywhere(Func<string?, (object[] Series, Dictionary<string, float[]> Weights)> run)
    {
        var (straight, straightWeights) = run(null);
        var points = new List<string>();
        using (var counting = new TemporaryFolder())
        {
            CheckpointSet.AfterStep = points.Add;
            try
            {
                run(counting.Path);
            }
            finally
            {
                CheckpointSet.AfterStep = null;
            }
        }

        Assert.True(points.Count >= 9, $"{points.Count} places to stop");
        for (var stop = 0; stop < points.Count; stop++)
        {
            using var temp = new TemporaryFolder();
            var calls = 0;
            CheckpointSet.AfterStep = _ =>
            {
                if (calls++ == stop)
                {
                    throw new SimulatedKillException();
                }
            };
            try
            {
                Assert.Throws<SimulatedKillException>(() => run(temp.Path));
            }
            finally
            {
                CheckpointSet.AfterStep = null;
            }

            var (resumed, resumedWeights) = run(temp.Path);

            Assert.True(straight.SequenceEqual(resumed), $"stopped after '{points[stop]}' (#{stop}): the resumed run's figures differ");
            RlhfResumeTests.AssertSameWeights(straightWeights, resumedWeights);
        }
    }
}
