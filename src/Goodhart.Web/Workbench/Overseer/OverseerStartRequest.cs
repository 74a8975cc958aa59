namespace Goodhart.Web.Workbench.Overseer;

/// <summary>Body of <c>POST /api/overseer/sessions</c>: the env (boat_race or tomato_watering) and the seed (optional, default 0).</summary>
public sealed record OverseerStartRequest
{
    public string? Env { get; init; }

    public long? Seed { get; init; }
}
