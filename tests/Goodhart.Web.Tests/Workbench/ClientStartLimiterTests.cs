using Goodhart.Web.Workbench;

namespace Goodhart.Web.Tests.Workbench;

/// <summary>The per-client session-start limiter shared by the rating, debate and overseer services.</summary>
public sealed class ClientStartLimiterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_client_over_its_starts_for_the_minute_is_refused_with_the_wait_and_others_are_not()
    {
        var limiter = new ClientStartLimiter(2, "debate");
        limiter.Check("a", T0);
        limiter.Record("a", T0);
        limiter.Check("a", T0.AddSeconds(10));
        limiter.Record("a", T0.AddSeconds(10));
        var refused = Assert.Throws<WorkbenchInputException>(() => limiter.Check("a", T0.AddSeconds(20)));
        Assert.Equal(429, refused.Status);
        Assert.Equal("session", refused.Field);
        Assert.Equal(40, refused.RetryAfterSeconds);
        Assert.Equal("at most 2 new debate sessions a minute from one address; retry in 40 s", refused.Message);
        limiter.Check("b", T0.AddSeconds(20));
        limiter.Check("a", T0.AddSeconds(60));
    }

    [Fact]
    public void Checking_alone_does_not_count_a_start()
    {
        var limiter = new ClientStartLimiter(1, "rating");
        for (var i = 0; i < 5; i++)
            limiter.Check("a", T0);
        limiter.Record("a", T0);
        Assert.Throws<WorkbenchInputException>(() => limiter.Check("a", T0.AddSeconds(59)));
    }
}
