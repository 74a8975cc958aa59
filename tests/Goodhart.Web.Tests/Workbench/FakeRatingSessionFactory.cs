using Goodhart.Web.Workbench.Rating;

namespace Goodhart.Web.Tests.Workbench;

/// <summary>
/// STAND-IN for the real rating service (Goodhart.Web.Rating.RatingSession) in the API tests that check exact values: starts
/// deterministic <see cref="FakeRaterSession"/>s.
/// </summary>
internal sealed class FakeRatingSessionFactory(int labelsWanted = 4) : IRatingSessionFactory
{
    public IRaterSession Start(int seed) => new FakeRaterSession(seed, labelsWanted);
}
