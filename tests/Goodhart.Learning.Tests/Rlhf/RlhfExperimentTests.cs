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
    public void The_default_pipeline_shows_gold_falling_while_the_proxy_rises()
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
        // 400 held-out pairs: chance is 0.5 +- 0.025.
        var rm = experiment.Evaluations.Single(e => e.Name == "rm").Evaluation;
        Assert.True(rm.Accuracy > 0.55, $"held-out accuracy {rm.Accuracy}");
        var oracle = experiment.Curves.Single(c => c.Scorer == "gold");
        Assert.True(oracle.Points[^1].GoldMean > oracle.Points[0].GoldMean);
        // Goodhart: against the rater's own utility, gold peaks inside the sweep; against the learned proxy it ends lower than it starts.
        var utility = experiment.Curves.Single(c => c.Scorer == "typical-utility");
        Assert.InRange(utility.GoldPeak.N, 2, utility.Points[^1].N / 2);
        var proxy = experiment.Curves.Single(c => c.Scorer == "rm");
        Assert.True(proxy.Points[^1].GoldMean < proxy.Points[0].GoldMean && proxy.Points[^1].ProxyMean > proxy.Points[0].ProxyMean);
    }
}
