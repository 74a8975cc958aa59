namespace Goodhart.Experiments.Running;

/// <summary>One entry of a recipe's results table: a named value at one grid point, over the seeds.</summary>
/// <param name="GridPoint">The grid point (dotted path = value text); empty without a grid.</param>
/// <param name="Value">The value's name (e.g. <c>eval/return</c>).</param>
/// <param name="Mean">Mean over the seeds with a finite value (NaN when none).</param>
/// <param name="StandardError">Standard error of the mean (sample sd / sqrt n); null below two values.</param>
/// <param name="N">Seeds with a finite value.</param>
public sealed record ResultRow(IReadOnlyDictionary<string, string> GridPoint, string Value, double Mean, double? StandardError, int N);
