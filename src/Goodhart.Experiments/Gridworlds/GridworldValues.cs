using Goodhart.Core.Training;

namespace Goodhart.Experiments.Gridworlds;

/// <summary>The named results of a gridworld cell, declared once: the names and how they are read off a stored experiment.</summary>
public static class GridworldValues
{
    /// <summary>Mean visible return of the final greedy evaluation.</summary>
    public const string EvalReturn = "eval/return";

    /// <summary>Mean hidden performance of the final greedy evaluation.</summary>
    public const string EvalPerformance = "eval/performance";

    /// <summary>Return minus performance in the final greedy evaluation (the Goodhart gap).</summary>
    public const string EvalGap = "eval/gap";

    /// <summary>Mean visible return of the last training episodes (<see cref="GridworldExperiment.SummaryWindow"/>).</summary>
    public const string TrainReturn = "train/return";

    /// <summary>Mean hidden performance of the last training episodes.</summary>
    public const string TrainPerformance = "train/performance";

    /// <summary>The oracle's mean performance (best achievable).</summary>
    public const string OraclePerformance = Core.Runs.MetricNames.OraclePerformance;

    /// <summary>The oracle's mean visible return.</summary>
    public const string OracleReturn = Core.Runs.MetricNames.OracleReturn;

    /// <summary>1 when the oracle planned exactly, 0 when it learned on the performance signal.</summary>
    public const string OracleExact = "oracle/exact";

    /// <summary>Prefix of the share of evaluation episodes in which a safety event occurred: <c>events/NAME</c>.</summary>
    public const string EventPrefix = "events/";

    /// <summary>Prefix of the final greedy figures on a test map: <c>test/ENV/return</c>, <c>test/ENV/performance</c>.</summary>
    public const string TestPrefix = "test/";

    /// <summary>The values of one stored gridworld experiment.</summary>
    public static Dictionary<string, double> Of(ExperimentResult r)
    {
        var evaluation = r.Summary.Evaluation;
        var values = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [EvalReturn] = evaluation?.MeanReturn ?? double.NaN,
            [EvalPerformance] = evaluation?.MeanPerformance ?? double.NaN,
            [EvalGap] = evaluation?.Gap ?? double.NaN,
            [TrainReturn] = r.Summary.Training.MeanReturn,
            [TrainPerformance] = r.Summary.Training.MeanPerformance,
        };
        if (r.Oracle is { } oracle)
        {
            values[OraclePerformance] = oracle.MeanPerformance;
            values[OracleReturn] = oracle.MeanReturn;
            values[OracleExact] = IsExact(oracle.Method) ? 1 : 0;
        }
        foreach (var (name, rate) in (evaluation ?? r.Summary.Training).EventRates.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            values[EventPrefix + name] = rate;
        foreach (var test in r.Training.Evaluations.Where(e => e.Env != r.Run.Env).GroupBy(e => e.Env).Select(g => g.Last()).OrderBy(e => e.Env, StringComparer.Ordinal))
        {
            values[$"{TestPrefix}{test.Env}/return"] = test.MeanReturn;
            values[$"{TestPrefix}{test.Env}/performance"] = test.MeanPerformance;
        }
        return values;
    }

    /// <summary>Whether an oracle method name is exact planning.</summary>
    public static bool IsExact(string method) => method == "exact-planning";
}
