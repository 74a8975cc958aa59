namespace Goodhart.Web.Workbench.Rating;

/// <summary>
/// Starts "be the rater" sessions. The workbench codes against this small interface so its page and endpoints do
/// not depend on how the session is implemented; the real service (<c>Goodhart.Web.Rating.RatingSession</c>) is
/// adapted to it where the host is built, and tests use a stand-in.
/// </summary>
public interface IRatingSessionFactory
{
    /// <summary>A new session drawing its pairs with <paramref name="seed"/>.</summary>
    IRaterSession Start(int seed);
}
