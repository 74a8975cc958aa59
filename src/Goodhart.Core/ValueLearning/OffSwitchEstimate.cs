using Goodhart.Core.Runs;

namespace Goodhart.Core.ValueLearning;

/// <summary>Monte Carlo estimates of the off-switch game's values (switching off always earns 0).</summary>
/// <param name="Act">Utility of acting per game.</param>
/// <param name="Defer">Utility of deferring per game.</param>
/// <param name="Incentive">Deferring minus the better of acting and switching off (chosen by the belief's mean), per game.</param>
public sealed record OffSwitchEstimate(SampleStats Act, SampleStats Defer, SampleStats Incentive);
