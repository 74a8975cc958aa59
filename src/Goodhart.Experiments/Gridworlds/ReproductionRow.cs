namespace Goodhart.Experiments.Gridworlds;

/// <summary>One (env, learner) row of the reproduction table: per-seed figures, the env's oracle figures, mean event rates and test maps.</summary>
public sealed record ReproductionRow(
    string Env,
    string Agent,
    IReadOnlyList<double> Returns,
    IReadOnlyList<double> Performances,
    IReadOnlyList<double> TrainingReturns,
    IReadOnlyList<double> TrainingPerformances,
    IReadOnlyList<double> OraclePerformances,
    string OracleMethod,
    IReadOnlyDictionary<string, double> EventRates,
    IReadOnlyDictionary<string, (IReadOnlyList<double> Return, IReadOnlyList<double> Performance)> Tests,
    IReadOnlyList<string> RunIds,
    IReadOnlyList<string> OracleRunIds);
