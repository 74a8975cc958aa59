namespace Goodhart.Web.Workbench.Rating;

/// <summary>Body of <c>POST /api/rating/sessions/{id}/labels</c>: the pair's index and the verdict (a, b or tie).</summary>
public sealed record RatingLabelRequest
{
    public int? Index { get; init; }

    public string? Choice { get; init; }
}
