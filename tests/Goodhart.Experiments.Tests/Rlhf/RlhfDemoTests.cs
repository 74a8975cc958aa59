using Goodhart.Core.Runs;
using Goodhart.Experiments.Rlhf;

namespace Goodhart.Experiments.Tests.Rlhf;

public sealed class RlhfDemoTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("goodhart-rlhf-demo-").FullName;

    public RlhfDemoTests() => Environment.SetEnvironmentVariable("GOODHART_TORCH_THREADS", "1");

    [Fact]
    public void The_demo_runs_the_recipes_pipeline_stage_by_stage_and_gives_the_same_numbers_as_the_recipe()
    {
        var settings = RlhfPresets.Tiny with { Seed = 2 };
        var stages = new RecordingStages();
        using var store = RunStore.Open(Path.Combine(_root, "demo.db"));
        var demoFolder = Path.Combine(_root, "demo");

        var (result, report) = RlhfDemo.Run(settings, new RlhfWorkFolder(demoFolder), store, "rm", stages);

        Assert.Equal(["sft", "label", "rm", "bon", "ppo-rm", "report"], stages.Names);
        Assert.Equal(RlhfDemo.Stages(settings, "rm"), stages.Names);
        Assert.True(File.Exists(report));
        Assert.Equal(["rm", "mean", "wco", "uwo", "rater", "gold"], result.Curves.Where(c => c.Name.StartsWith("bon/", StringComparison.Ordinal)).Select(c => c.Name[4..]));
        Assert.Equal("ppo/rm", result.Curves[^1].Name);
        Assert.Equal("rm", result.Evaluations[0].Name);

        // The recipe (experiments/rlhf-demo.json is RlhfPipelineConfig.Demo) at the same size and seed: the same pipeline, the same numbers.
        using var recipeStore = RunStore.Open(Path.Combine(_root, "recipe.db"));
        var recipeFolder = Path.Combine(_root, "recipe");
        var context = new ExperimentContext("cell", 2, recipeStore, recipeFolder, new Progress<CellProgress>(), CancellationToken.None);
        var cell = ExperimentCatalog.Get("rlhf-pipeline").Run(context, RlhfPipelineConfig.Demo with { Size = "tiny" });

        Assert.Equal(result.Values.Keys.Order(StringComparer.Ordinal), cell.Values.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, value) in result.Values)
            Assert.True(value.Equals(cell.Values[name]), $"{name}: demo {value}, recipe {cell.Values[name]}");
        Assert.Equal(File.ReadAllText(Path.Combine(demoFolder, "bon.json")), File.ReadAllText(Path.Combine(recipeFolder, "bon.json")));
    }

    [Fact]
    public void Without_ppo_or_a_second_reward_model_the_demo_leaves_those_stages_and_proxies_out()
    {
        var settings = RlhfPresets.Tiny with { RmMembers = 1 };
        Assert.Equal(["sft", "label", "rm", "bon", "report"], RlhfDemo.Stages(settings, "none"));
        Assert.Equal(["rm", "rater", "gold"], RlhfDemo.Config(settings, "none").Proxies);
        Assert.Empty(RlhfDemo.Config(settings, "none").PpoProxies);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    private sealed class RecordingStages : IRlhfStageRunner
    {
        public List<string> Names { get; } = [];

        public T Stage<T>(string name, Func<IProgress<string>, T> work)
        {
            Names.Add(name);
            return work(new Progress<string>());
        }
    }
}
