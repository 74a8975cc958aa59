namespace Goodhart.Web.Workbench.Overseer;

/// <summary>Body of <c>POST /api/overseer/sessions/{id}/answers</c>: the query's index and the verdict (first, second or cant_tell).</summary>
public sealed record OverseerAnswerRequest
{
    public int? Index { get; init; }

    public string? Choice { get; init; }
}
