using Goodhart.Web.Rating;

namespace Goodhart.Web.Workbench.Rating;

/// <summary>
/// The workbench's rating sessions backed by the RLHF lab's <see cref="RatingSession"/> (its pairs, reward model
/// and best-of-N evaluation); <paramref name="pairs"/> is how many A/B labels a session asks for.
/// </summary>
public sealed class RatingSessionFactory(int pairs = 24) : IRatingSessionFactory
{
    public IRaterSession Start(int seed) =>
        new RatingSessionAdapter(RatingSession.Start(new RatingSessionOptions { Seed = (ulong)seed, Pairs = pairs }));
}
