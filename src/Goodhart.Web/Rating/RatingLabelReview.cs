using Goodhart.Core.Rlhf;

namespace Goodhart.Web.Rating;

/// <summary>One of the person's labels set beside gold: what they chose, what gold prefers, what their reward model prefers.</summary>
/// <param name="Index">The pair's index.</param>
/// <param name="Choice">The person's choice.</param>
/// <param name="GoldChoice">The response with the higher gold score (Tie when equal).</param>
/// <param name="ModelChoice">The response the fitted reward model scores higher (Tie when equal).</param>
/// <param name="Difficulty">The question's difficulty.</param>
public sealed record RatingLabelReview(int Index, RatingChoice Choice, RatingChoice GoldChoice, RatingChoice ModelChoice, Difficulty Difficulty)
{
    /// <summary>True when the person chose A or B, gold prefers one, and they are the same.</summary>
    public bool AgreesWithGold => Choice != RatingChoice.Tie && Choice == GoldChoice;
}
