namespace Goodhart.Web.Rating;

/// <summary>
/// A person's label for one pair on the "Be the rater" page: response A is better, response B is better, or a tie
/// (a skip: the pair is answered but gives the reward model nothing to learn).
/// </summary>
public enum RatingChoice
{
    /// <summary>Response A is better.</summary>
    A,

    /// <summary>Response B is better.</summary>
    B,

    /// <summary>Can't tell or don't care: a skip, not used for training.</summary>
    Tie,
}
