namespace Goodhart.Reports.Oversight;

/// <summary>One bar of a <see cref="MeanBarsPlot"/>: a mean over seeds with its standard error and n.</summary>
/// <param name="Group">The group on the x axis (e.g. <c>k = 6</c>, a task).</param>
/// <param name="Series">The series, one colour each (e.g. <c>random pixels</c>, <c>debate</c>).</param>
/// <param name="Mean">The mean.</param>
/// <param name="Se">Its standard error (NaN with one seed: no error bar).</param>
/// <param name="N">The number of seeds.</param>
public sealed record MeanBar(string Group, string Series, double Mean, double Se, int N);
