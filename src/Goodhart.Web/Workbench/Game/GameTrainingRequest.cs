namespace Goodhart.Web.Workbench.Game;

/// <summary>Body of <c>POST /api/game/trainings</c>: which game, which reward, how long; unset fields take the page's defaults.</summary>
public sealed record GameTrainingRequest
{
    public string? Env { get; init; }

    public string? Spec { get; init; }

    public Dictionary<string, double>? Constants { get; init; }

    public Dictionary<string, double>? Terms { get; init; }

    public int? Episodes { get; init; }

    public long? Seed { get; init; }

    /// <summary>Pause between live updates, so a person can watch (0 for as fast as possible).</summary>
    public int? PaceMs { get; init; }
}
