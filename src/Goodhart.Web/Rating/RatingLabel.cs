namespace Goodhart.Web.Rating;

/// <summary>A label the person submitted: which pair and what they chose.</summary>
/// <param name="Index">The pair's index.</param>
/// <param name="Choice">A, B or Tie (a skip).</param>
public sealed record RatingLabel(int Index, RatingChoice Choice);
