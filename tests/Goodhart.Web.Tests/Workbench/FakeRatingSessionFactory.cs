using Goodhart.Web.Workbench.Rating;

namespace Goodhart.Web.Tests.Workbench;

/// <summary>
/// STAND-IN for the real rating service (Goodhart.Web.Rating.RatingSession, written on another branch): starts
/// <see cref="FakeRaterSession"/>s so the workbench's rating endpoints and page can be tested before it is merged.
/// </summary>
internal sealed class FakeRatingSessionFactory(int labelsWanted = 4) : IRatingSessionFactory
{
    public IRaterSession Start(int seed) => new FakeRaterSession(seed, labelsWanted);
}
