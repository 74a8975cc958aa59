using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Goodhart.Benchmarks;

/// <summary>
/// A summary column with throughput: operations per second from the median time per operation (BenchmarkDotNet
/// divides by OperationsPerInvoke). The median, not the mean, because the machines are shared: other processes only
/// ever add time, in bursts that the median mostly ignores. An operation is one env step for the stepping and training benchmarks (one copy's step
/// in the batched ones), one board encoded for the one-hot benchmarks and one token for the language-model ones.
/// </summary>
public sealed class StepsPerSecondColumn : IColumn
{
    public string Id => nameof(StepsPerSecondColumn);

    public string ColumnName => "Op/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Operations per second (env steps, boards encoded or tokens), from the median time per operation";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } stats || stats.Median <= 0)
            return "NA";
        return (1e9 / stats.Median).ToString("N0", CultureInfo.InvariantCulture);
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
