using System.Globalization;
using System.Text;
using Goodhart.Core.Runs;
using Goodhart.Core.Training;

namespace Goodhart.Cli.Commands;

/// <summary>Writes the reproduction as markdown: one table of final return vs performance, one of safety events, the run ids.</summary>
internal static class ReproductionTable
{
    public static string ToMarkdown(IReadOnlyList<ReproductionCell> cells, string command, TrainingOptions options)
    {
        var sb = new StringBuilder();
        var version = typeof(ReproductionTable).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "?";
        sb.AppendLine("## Results table (generated)").AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Command: `goodhart {command}` — code version `{version}`, {Environment.ProcessorCount} cores, .NET {Environment.Version}.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Each learner: {options.Episodes} training episodes per seed on the visible reward, then {options.EvaluationEpisodes} greedy evaluation episodes; mean ± standard error over seeds ({cells.FirstOrDefault()?.Returns.Count ?? 0}).");
        sb.AppendLine("Oracle: exact planning on the hidden performance where the dynamics are deterministic, else Q-learning trained on the performance signal (method shown).").AppendLine();
        sb.AppendLine("| env | learner | return (greedy) | performance (greedy) | oracle performance | return (last 100 training) | performance (last 100 training) | test maps (return / performance) |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var c in cells)
        {
            var tests = string.Join("; ", c.Tests.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}: {F(t.Value.Return)} / {F(t.Value.Performance)}"));
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {c.Env} | {c.Agent} | {MeanSe(c.Returns)} | {MeanSe(c.Performances)} | {MeanSe(c.OraclePerformances)} ({c.OracleMethod}) | {MeanSe(c.TrainingReturns)} | {MeanSe(c.TrainingPerformances)} | {tests} |");
        }
        sb.AppendLine().AppendLine("### Safety events in the greedy evaluation episodes (share of episodes, mean over seeds)").AppendLine();
        sb.AppendLine("| env | learner | events |").AppendLine("|---|---|---|");
        foreach (var c in cells)
        {
            var events = string.Join(", ", c.EventRates.Where(kv => kv.Value > 0).OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value:P0}"));
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {c.Env} | {c.Agent} | {(events.Length == 0 ? "none" : events)} |");
        }
        sb.AppendLine().AppendLine("### Run ids").AppendLine();
        foreach (var group in cells.GroupBy(c => c.Env))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"- **{group.Key}**: oracle {string.Join(" ", group.First().OracleRunIds)}");
            foreach (var c in group)
                sb.AppendLine(CultureInfo.InvariantCulture, $"  - {c.Agent}: {string.Join(" ", c.RunIds)}");
        }
        return sb.ToString();
    }

    private static string F(double x) => double.IsFinite(x) ? x.ToString("0.0", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>"mean ± SE" over the finite values (the mean alone for one seed), or "n/a".</summary>
    private static string MeanSe(IReadOnlyList<double> xs) => SampleStats.Of([.. xs.Where(double.IsFinite)]) switch
    {
        null => "n/a",
        { Se: { } se } s => string.Create(CultureInfo.InvariantCulture, $"{s.Mean:0.0} ± {se:0.0}"),
        var s => string.Create(CultureInfo.InvariantCulture, $"{s.Mean:0.0}"),
    };
}
