namespace Goodhart.Core.Runs;

/// <summary>A stored run: what was run (kind, env, agent, seed, config), by which code, when, and how it ended.</summary>
/// <param name="Id">Short unique id (e.g. <c>r-20261122-205700-3f2a</c>).</param>
/// <param name="Kind">What sort of experiment: <c>gridworld</c>, <c>oracle</c>, later <c>rlhf-*</c>, <c>eval</c>.</param>
/// <param name="Env">Env id (e.g. <c>boat_race</c>), or the experiment's subject.</param>
/// <param name="Agent">Agent / method name (e.g. <c>q-learning</c>).</param>
/// <param name="Seed">The seed the run was started with.</param>
/// <param name="ConfigJson">The complete configuration as JSON (everything needed to re-run it).</param>
/// <param name="CodeVersion">The program's version and commit.</param>
/// <param name="StartedUtc">Start time.</param>
/// <param name="FinishedUtc">End time, null while running or if it died.</param>
/// <param name="Status"><c>running</c>, <c>finished</c>, <c>failed</c> or <c>cancelled</c>.</param>
/// <param name="SummaryJson">The final summary as JSON (null until finished).</param>
public sealed record RunRecord(
    string Id,
    string Kind,
    string Env,
    string Agent,
    ulong Seed,
    string ConfigJson,
    string CodeVersion,
    DateTimeOffset StartedUtc,
    DateTimeOffset? FinishedUtc,
    string Status,
    string? SummaryJson)
{
    /// <summary>
    /// For a run that reads as running but whose writer is on another machine (whose processes this machine cannot
    /// check): that machine's name; shown as "running on HOST?". Null otherwise.
    /// </summary>
    public string? WriterElsewhere { get; init; }
}
