namespace Goodhart.Web.Workbench.Game;

/// <summary>Body of <c>POST /api/game/play</c>: a person's moves so far (u, d, l, r, n) scored under a reward setup.</summary>
public sealed record GamePlayRequest
{
    public string? Env { get; init; }

    public string? Spec { get; init; }

    public Dictionary<string, double>? Constants { get; init; }

    public Dictionary<string, double>? Terms { get; init; }

    public string? Actions { get; init; }

    public long? Seed { get; init; }
}
