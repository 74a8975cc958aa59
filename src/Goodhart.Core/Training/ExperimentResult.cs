using Goodhart.Core.Oracle;
using Goodhart.Core.Runs;

namespace Goodhart.Core.Training;

/// <summary>A stored gridworld experiment: the run's record, what training measured, and the oracle's figure.</summary>
public sealed record ExperimentResult(RunRecord Run, TrainingResult Training, OracleResult? Oracle, RunSummary Summary);
