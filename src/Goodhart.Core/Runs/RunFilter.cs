namespace Goodhart.Core.Runs;

/// <summary>Which runs <see cref="RunStore.ListRuns"/> returns; null fields do not filter.</summary>
/// <param name="Kind">Exact kind (e.g. <c>gridworld</c>).</param>
/// <param name="Env">Env id: exact, and a name without a level (<c>boat_race</c>) also matches its levels (<c>boat_race:*</c>).</param>
/// <param name="Agent">Exact agent name.</param>
/// <param name="Status">Exact status (see <see cref="RunStatus"/>).</param>
/// <param name="Limit">At most this many runs (newest first); null for all.</param>
public sealed record RunFilter(
    string? Kind = null,
    string? Env = null,
    string? Agent = null,
    string? Status = null,
    int? Limit = null)
{
    /// <summary>Every run, newest first.</summary>
    public static readonly RunFilter All = new();
}
