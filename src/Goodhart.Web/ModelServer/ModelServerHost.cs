using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Goodhart.Web.ModelServer;

/// <summary>
/// The Kestrel host of <c>goodhart serve</c>: the OpenAI-compatible API under <c>/v1</c> on the given URLs
/// (<c>http://127.0.0.1:8008</c> by default; port 0 picks a free port), a plain-text index at <c>/</c>, and
/// warnings-only logging (request bodies and keys are never logged), behind <see cref="Http.HttpEdge"/> (request ids,
/// the Host allow-list, 408 for slow bodies, Retry-After, no stack trace in any answer). Owns nothing but the web application; the
/// caller keeps the <see cref="ModelRegistry"/>.
/// </summary>
public sealed class ModelServerHost : IAsyncDisposable
{
    /// <summary>The default port.</summary>
    public const int DefaultPort = 8008;

    private readonly WebApplication _app;

    private ModelServerHost(WebApplication app) => _app = app;

    /// <summary>The addresses Kestrel listens on, known after <see cref="StartAsync"/> (e.g. <c>http://127.0.0.1:8008</c>).</summary>
    public IReadOnlyList<string> Addresses =>
        _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    /// <summary>The base URL to give an OpenAI client: the first address followed by <c>/v1</c>.</summary>
    public string BaseUrl => Addresses.Count > 0 ? Addresses[0].TrimEnd('/') + "/v1" : throw new InvalidOperationException("The server has not started.");

    /// <summary>A host serving <paramref name="models"/> with <paramref name="options"/> on <paramref name="urls"/> (default <c>http://127.0.0.1:8008</c>).</summary>
    public static ModelServerHost Create(ModelRegistry models, ModelServerOptions? options = null, IReadOnlyList<string>? urls = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        options ??= new ModelServerOptions();
        IReadOnlyList<string> bound = urls is { Count: > 0 } ? urls : [$"http://127.0.0.1:{DefaultPort}"];
        CheckUrls(bound);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls([.. bound]);
        Http.HttpEdge.ConfigureKestrel(builder.WebHost, options.Edge);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = Math.Max(options.MaxRequestBodyBytes + 1, 1024 * 1024));
        builder.Services.AddOpenAiCompatibleApi(models, options);
        var app = builder.Build();
        Http.HttpEdge.Use(app, Http.HostAllowList.Create(Http.HostAllowList.HostsOf(bound), options.Edge.AllowedHosts), options.Edge,
            (context, status, code, message) => OpenAiErrors.WriteAsync(context, new OpenAiException(
                status, message, status >= 500 ? "server_error" : "invalid_request_error", null, code switch
                {
                    "host" => "host_not_allowed",
                    "request_timeout" => "request_timeout",
                    "server_error" => "internal_error",
                    _ => "bad_request",
                })));
        app.MapGet("/", () => Results.Text(
            "Goodhart model server: an OpenAI-compatible API serving the RLHF lab's policies.\n"
            + "GET /v1/models lists them; POST /v1/chat/completions answers. See docs/serve.md.\n"));
        app.MapOpenAiCompatibleApi();
        return new ModelServerHost(app);
    }

    /// <summary>
    /// Checks the URLs a host would bind (as <see cref="Create"/> does before anything is built): each must be an
    /// <c>http://</c> or <c>https://</c> URL with a host, and a port (when given) between 0 and 65535. Public because
    /// <see cref="Create"/> takes its URLs from any caller, not only from <c>goodhart serve</c>, which calls this
    /// before it trains or loads a model; without it a bad port is Kestrel's ArgumentOutOfRangeException at start.
    /// </summary>
    /// <exception cref="Core.UserInputException">A URL is malformed or its port is out of range; the message names it.</exception>
    public static void CheckUrls(IReadOnlyList<string> urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        foreach (var url in urls)
        {
            BindingAddress address;
            try
            {
                address = BindingAddress.Parse(url ?? "");
            }
            catch (FormatException)
            {
                throw new Core.UserInputException($"not a URL to listen on: '{url}' (expected e.g. http://127.0.0.1:{DefaultPort})");
            }

            if (address.IsUnixPipe || !(address.Scheme.Equals("http", StringComparison.OrdinalIgnoreCase) || address.Scheme.Equals("https", StringComparison.OrdinalIgnoreCase)))
                throw new Core.UserInputException($"not a URL to listen on: '{url}' (expected http:// or https://)");
            if (address.Host.Contains(':', StringComparison.Ordinal) && !address.Host.StartsWith('['))
                throw new Core.UserInputException($"port must be a number between 0 and 65535 (in {url})");
            if (address.Port is < 0 or > 65535)
                throw new Core.UserInputException($"port must be between 0 and 65535, got {address.Port} (in {url})");
        }
    }

    /// <summary>Starts listening.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => _app.StartAsync(cancellationToken);

    /// <summary>Completes when the host shuts down (Ctrl+C or <see cref="StopAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops listening.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
