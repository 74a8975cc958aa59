using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Goodhart.Web.Http;

/// <summary>
/// The first middleware of the workbench and the model server: gives every request an id (<see cref="RequestIds"/>,
/// in a header on every response and in every JSON error), refuses a Host outside the allow-list with 421, adds
/// <c>Retry-After</c> to any 429 or 503 that lacks one, and turns what escapes the endpoints into JSON errors: a body
/// that arrives too slowly is 408, other bad requests keep their 4xx, and anything else is a 500 that names only the
/// request id (the exception is logged server-side with that id; no stack trace, native message or path reaches the
/// client).
/// </summary>
public static class HttpEdge
{
    /// <summary>Sets Kestrel's minimum request body data rate from <paramref name="options"/>.</summary>
    public static void ConfigureKestrel(IWebHostBuilder builder, HttpEdgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        builder.ConfigureKestrel(k => k.Limits.MinRequestBodyDataRate =
            new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(options.MinRequestBodyBytesPerSecond, TimeSpan.FromSeconds(options.RequestBodyGraceSeconds)));
    }

    /// <summary>Adds the edge to <paramref name="app"/>'s pipeline (call it first).</summary>
    public static void Use(WebApplication app, HostAllowList hosts, HttpEdgeOptions options, EdgeErrorWriter write)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(write);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Goodhart.Web.Http");
        var retryAfter = options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        app.Use(async (context, next) =>
        {
            var id = RequestIds.Assign(context);
            context.Response.OnStarting(() =>
            {
                var response = context.Response;
                if (response.StatusCode is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable && string.IsNullOrEmpty(response.Headers.RetryAfter))
                    response.Headers.RetryAfter = retryAfter;
                return Task.CompletedTask;
            });
            if (!hosts.Allows(context.Request.Host))
            {
                await write(context, StatusCodes.Status421MisdirectedRequest, "host",
                    $"this server does not answer for the host '{context.Request.Host.Host}'; allowed: {string.Join(", ", hosts.Names.Order(StringComparer.Ordinal))} (add names with {HostAllowList.EnvironmentVariable})");
                return;
            }
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                var timeout = e.StatusCode == StatusCodes.Status408RequestTimeout;
                await write(context, e.StatusCode, timeout ? "request_timeout" : "bad_request",
                    timeout ? "the request body arrived too slowly and the server stopped waiting for it" : $"bad request: {e.Message}");
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client went away; nobody is left to answer.
            }
            catch (Exception e) when (!context.Response.HasStarted)
            {
                log.LogError(e, "request {RequestId} {Method} {Path} failed", id, context.Request.Method, context.Request.Path);
                context.Response.Clear();
                context.Response.Headers[RequestIds.Header] = id;
                await write(context, StatusCodes.Status500InternalServerError, "server_error",
                    $"the server had an error while processing the request; its log has the details under request id {id}");
            }
        });
    }
}
