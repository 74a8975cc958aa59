using Goodhart.Evals.Harness;

namespace Goodhart.Experiments.Evals;

/// <summary>What <see cref="EvalModelRun.RunAsync"/> hands back: the eval's result and where it was written.</summary>
/// <param name="Result">Samples, scorers and metrics.</param>
/// <param name="RunId">The stored run (kind <c>eval</c>).</param>
/// <param name="LogPath">The JSONL log (a header, one line per sample-epoch, a summary).</param>
/// <param name="ReportPath">The HTML report beside the log.</param>
public sealed record EvalModelRunResult(EvalRunResult Result, string RunId, string LogPath, string ReportPath);
