namespace Goodhart.Core.Runs;

/// <summary>
/// One point of a named series attached to a run: evaluation returns at a training step, an oracle figure, later
/// RLHF and evaluation metrics. NaN values are stored (as SQL NULL) and read back as NaN.
/// </summary>
/// <param name="Name">Series name, e.g. <c>eval/return</c> (see <see cref="MetricNames"/> for the naming and the shared ones).</param>
/// <param name="Step">Where on the run's axis the point lies (episode, training step, ...); 0 for one-off figures.</param>
/// <param name="Value">The value.</param>
public sealed record MetricPoint(string Name, long Step, double Value);
