namespace Goodhart.Web.Workbench.Rating;

/// <summary>Body of <c>POST /api/rating/sessions</c>: the seed that draws the pairs (optional).</summary>
public sealed record RatingStartRequest
{
    public long? Seed { get; init; }
}
