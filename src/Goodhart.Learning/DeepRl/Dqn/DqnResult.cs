namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>What a <see cref="DqnTrainer"/> run measured.</summary>
/// <param name="Episodes">Every training episode with the env step it ended at (those before a resume included).</param>
/// <param name="Diagnostics">The diagnostics curve.</param>
/// <param name="Steps">Env steps taken.</param>
/// <param name="Updates">Gradient steps taken.</param>
/// <param name="ResumedFromStep">The env step the run resumed from, or null when it started afresh.</param>
public sealed record DqnResult(
    IReadOnlyList<DqnEpisode> Episodes,
    IReadOnlyList<DqnDiagnostics> Diagnostics,
    long Steps,
    long Updates,
    long? ResumedFromStep);
