using Goodhart.Core.Oracle;
using Goodhart.Core.Training;

namespace Goodhart.Cli.Commands;

/// <summary>One (env, learner) cell of the reproduction table: final greedy figures over seeds, with the oracle's.</summary>
internal sealed record ReproductionCell(
    string Env,
    string Agent,
    IReadOnlyList<double> Returns,
    IReadOnlyList<double> Performances,
    IReadOnlyList<double> TrainingReturns,
    IReadOnlyList<double> TrainingPerformances,
    IReadOnlyList<double> OraclePerformances,
    string OracleMethod,
    IReadOnlyDictionary<string, double> EventRates,
    IReadOnlyDictionary<string, (double Return, double Performance)> Tests,
    IReadOnlyList<string> RunIds,
    IReadOnlyList<string> OracleRunIds)
{
    public static ReproductionCell From(string env, string agent, IReadOnlyList<ExperimentResult> runs, IReadOnlyList<(OracleResult Oracle, string RunId)> oracles)
    {
        var evals = runs.Select(r => r.Summary.Evaluation ?? r.Summary.Training).ToList();
        var events = evals.SelectMany(e => e.EventRates).GroupBy(kv => kv.Key)
            .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value) / Math.Max(1, evals.Count), StringComparer.Ordinal);
        var tests = runs.SelectMany(r => r.Training.Evaluations.Where(e => e.Env != r.Run.Env)).GroupBy(e => e.Env)
            .ToDictionary(g => g.Key, g => (g.Average(e => e.MeanReturn), g.Average(e => e.MeanPerformance)), StringComparer.Ordinal);
        return new ReproductionCell(env, agent,
            [.. evals.Select(e => e.MeanReturn)], [.. evals.Select(e => e.MeanPerformance)],
            [.. runs.Select(r => r.Summary.Training.MeanReturn)], [.. runs.Select(r => r.Summary.Training.MeanPerformance)],
            [.. oracles.Select(o => o.Oracle.MeanPerformance)], string.Join("/", oracles.Select(o => o.Oracle.Method).Distinct()),
            events, tests, [.. runs.Select(r => r.Run.Id)], [.. oracles.Select(o => o.RunId)]);
    }
}
