namespace Goodhart.Web.Workbench.Debate;

/// <summary>Body of <c>POST /api/debate/sessions/{id}/verdict</c>: the debater the person believes (<c>a</c> or <c>b</c>).</summary>
public sealed record DebateVerdictRequest
{
    /// <summary><c>a</c> or <c>b</c>.</summary>
    public string? Choice { get; init; }
}
