using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Goodhart.Web.ModelServer;

/// <summary>
/// Runs before every endpoint of the API: the client's token bucket (429), then the bearer key when one is
/// configured (401 without it or with a wrong one; keys are compared in constant time and never logged or echoed);
/// a body that arrives too slowly becomes a 408, and an unexpected failure a 500 in OpenAI's error shape that names
/// only the request id (the exception, with TorchSharp's native trace, goes to the server's log under that id).
/// </summary>
public sealed class AccessFilter : IEndpointFilter
{
    private readonly ClientRateLimiter _limiter;
    private readonly byte[]? _key;
    private readonly ILogger _log;

    /// <summary>A filter with the server's limiter and key, logging failures to <paramref name="log"/>.</summary>
    public AccessFilter(ClientRateLimiter limiter, ModelServerOptions options, ILogger<AccessFilter>? log = null)
    {
        _log = (ILogger?)log ?? NullLogger.Instance;
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentNullException.ThrowIfNull(options);
        _limiter = limiter;
        _key = string.IsNullOrEmpty(options.ApiKey) ? null : Encoding.UTF8.GetBytes(options.ApiKey);
    }

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            _limiter.Acquire(context.HttpContext);
            CheckKey(context.HttpContext);
        }
        catch (OpenAiException e)
        {
            return OpenAiErrors.Result(e);
        }

        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!context.HttpContext.Response.HasStarted)
        {
            var timeout = e.StatusCode == StatusCodes.Status408RequestTimeout;
            return OpenAiErrors.Result(new OpenAiException(
                e.StatusCode,
                timeout ? "The request body arrived too slowly and the server stopped waiting for it." : "Bad request: " + e.Message,
                "invalid_request_error",
                null,
                timeout ? "request_timeout" : "bad_request"));
        }
        catch (Exception e) when (e is not OperationCanceledException && !context.HttpContext.Response.HasStarted)
        {
            var id = context.HttpContext.TraceIdentifier;
            _log.LogError(e, "request {RequestId} {Method} {Path} failed", id, context.HttpContext.Request.Method, context.HttpContext.Request.Path);
            return OpenAiErrors.Result(new OpenAiException(
                StatusCodes.Status500InternalServerError,
                $"The server had an error while processing your request. Its log has the details under request id {id}.",
                "server_error",
                null,
                "internal_error"));
        }
    }

    private void CheckKey(HttpContext context)
    {
        if (_key is null)
        {
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        var given = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()) : null;
        if (given is null || !CryptographicOperations.FixedTimeEquals(given, _key))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            throw new OpenAiException(
                StatusCodes.Status401Unauthorized,
                given is null
                    ? "You didn't provide an API key. Send it in the Authorization header: 'Authorization: Bearer KEY'."
                    : "Incorrect API key provided.",
                "invalid_request_error",
                null,
                "invalid_api_key");
        }
    }
}
