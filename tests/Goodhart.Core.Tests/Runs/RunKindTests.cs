using Goodhart.Core.Runs;

namespace Goodhart.Core.Tests.Runs;

public sealed class RunKindTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Every_known_kind_has_a_distinct_name_and_says_what_its_env_and_agent_hold()
    {
        Assert.Equal(RunKind.Known.Count, RunKind.Known.Select(k => k.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(RunKind.Known, k =>
        {
            Assert.True(k.IsKnown);
            Assert.False(string.IsNullOrWhiteSpace(k.Env));
            Assert.False(string.IsNullOrWhiteSpace(k.Agent));
            Assert.Equal(k, RunKind.Of(k.Name));
        });
    }

    [Fact]
    public void The_rlhf_kinds_are_the_ones_the_rlhf_metric_names_declare()
    {
        Assert.Equal(
            [RlhfMetricNames.BestOfNKind, RlhfMetricNames.PpoKind, RlhfMetricNames.DpoKind, RlhfMetricNames.RewardModelKind],
            RunKind.Known.Where(k => k.IsRlhf).Select(k => k.Name));
        Assert.False(RunKind.Gridworld.IsRlhf);
        Assert.True(RlhfMetricNames.IsRlhf("rlhf-something-newer"));
    }

    [Fact]
    public void A_kind_written_by_a_newer_program_is_kept_and_marked_unknown()
    {
        var kind = RunKind.Of("interpretability-probe");

        Assert.Equal("interpretability-probe", kind.Name);
        Assert.False(kind.IsKnown);
        Assert.Equal("interpretability-probe", kind.ToString());
    }

    [Fact]
    public void A_run_started_with_a_declared_kind_stores_its_name()
    {
        using var store = RunStore.Open(_dir.File("runs.db"));

        var run = store.StartRun(RunKind.Oracle, "boat_race", "oracle", 1, "{}");

        Assert.Equal("oracle", store.GetRun(run.Id).Kind);
        Assert.Equal(RunKind.Oracle, RunKind.Of(store.GetRun(run.Id).Kind));
    }
}
