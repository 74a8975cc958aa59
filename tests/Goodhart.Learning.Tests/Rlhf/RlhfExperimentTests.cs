using Goodhart.Learning.Rlhf;
using Xunit.Abstractions;

namespace Goodhart.Learning.Tests.Rlhf;

/// <summary>
/// The CPU experiment of docs/rlhf.md: the pipeline at its default options (minutes on two cores). Writes its
/// artefacts, log.txt and report to GOODHART_RLHF_OUT (default: a new temporary folder, kept) and prints the report.
/// </summary>
// Trains small models: experiment-scale on 2 cores, so it runs with the slow tests (README).
[Trait("Category", "Slow")]
public class RlhfExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Slow")]
    public void The_default_pipeline_trains_a_reward_model_that_beats_chance_and_sweeps_best_of_n()
    {
        var folder = Environment.GetEnvironmentVariable("GOODHART_RLHF_OUT")
            ?? Directory.CreateTempSubdirectory("goodhart-rlhf-").FullName;
        var seed = ulong.Parse(Environment.GetEnvironmentVariable("GOODHART_RLHF_SEED") ?? "1", System.Globalization.CultureInfo.InvariantCulture);
        var log = new CallbackProgress<string>(line =>
        {
            var stamped = $"{DateTime.Now:HH:mm:ss} {line}";
            output.WriteLine(stamped);
            File.AppendAllText(Path.Combine(folder, "log.txt"), stamped + Environment.NewLine);
        });

        var experiment = new RlhfPipeline(new RlhfPipelineOptions { Seed = seed }, log).Run(folder);

        output.WriteLine($"artefacts: {folder}");
        output.WriteLine(experiment.ToMarkdown());
        var rm = experiment.Evaluations.Single(e => e.Name == "rm").Evaluation;
        Assert.True(rm.Accuracy > 0.6, $"held-out accuracy {rm.Accuracy}");
        var oracle = experiment.Curves.Single(c => c.Scorer == "gold");
        Assert.True(oracle.Points[^1].GoldMean > oracle.Points[0].GoldMean);
    }
}
