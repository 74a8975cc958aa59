using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;

namespace Goodhart.Benchmarks;

/// <summary>
/// The configuration every Goodhart benchmark runs with: BenchmarkDotNet's defaults plus the median and the throughput
/// column, and parameter columns wide enough for env ids such as <c>distributional_shift:test1</c>.
/// </summary>
public static class BenchmarkConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddColumn(StatisticColumn.Median, new StepsPerSecondColumn())
        .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40));
}
