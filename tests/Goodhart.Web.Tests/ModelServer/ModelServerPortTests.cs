using Goodhart.Core;
using Goodhart.Web.ModelServer;

namespace Goodhart.Web.Tests.ModelServer;

/// <summary>
/// <see cref="ModelServerHost.Create"/> is public and takes its URLs from any caller, not only from
/// <c>goodhart serve</c>, so, like the workbench (<c>WorkbenchPortTests</c>), it checks them itself: a port outside 0 to
/// 65535, a port that is not a number or a URL that is not http(s) is a user error naming the URL before anything is
/// built, not Kestrel's exception at start (or, for a port that is not a number, a binding to every interface).
/// </summary>
public sealed class ModelServerPortTests
{
    [Theory]
    [InlineData("http://127.0.0.1:-1", "port must be between 0 and 65535, got -1 (in http://127.0.0.1:-1)")]
    [InlineData("http://127.0.0.1:65536", "port must be between 0 and 65535, got 65536 (in http://127.0.0.1:65536)")]
    [InlineData("http://localhost:2147483647", "port must be between 0 and 65535, got 2147483647 (in http://localhost:2147483647)")]
    [InlineData("http://127.0.0.1:99999999999", "port must be a number between 0 and 65535 (in http://127.0.0.1:99999999999)")]
    [InlineData("http://127.0.0.1:abc", "port must be a number between 0 and 65535 (in http://127.0.0.1:abc)")]
    [InlineData("127.0.0.1:8008", "not a URL to listen on: '127.0.0.1:8008' (expected e.g. http://127.0.0.1:8008)")]
    [InlineData("ftp://127.0.0.1:8008", "not a URL to listen on: 'ftp://127.0.0.1:8008' (expected http:// or https://)")]
    public async Task A_bad_url_is_a_user_error_naming_it_before_the_host_is_built(string url, string message)
    {
        using var models = ModelRegistry.Load(Array.Empty<ModelManifestEntry>());

        var e = await Assert.ThrowsAsync<UserInputException>(async () =>
        {
            await using var host = ModelServerHost.Create(models, urls: ["http://127.0.0.1:0", url]);
            await host.StartAsync();
        });

        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("http://127.0.0.1:65535")]
    [InlineData("http://[::1]:8008")]
    [InlineData("HTTP://localhost:8008")]
    [InlineData("https://127.0.0.1")]
    public void A_good_url_passes_the_check(string url) => ModelServerHost.CheckUrls([url]);
}
