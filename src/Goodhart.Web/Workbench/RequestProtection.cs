using Goodhart.Core.Levels;
using Goodhart.Core;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Goodhart.Web.Workbench;

/// <summary>
/// Middleware in front of the JSON API: state-changing requests must come from the workbench's own pages (an
/// <c>Origin</c> header, when sent, must name this host, and the antiforgery token from <c>GET /api/antiforgery</c>
/// must travel in the <see cref="TokenHeader"/> header with its cookie), and input errors become 400 answers that
/// name the field.
/// </summary>
internal sealed class RequestProtection(RequestDelegate next, IAntiforgery antiforgery)
{
    /// <summary>Header carrying the antiforgery request token on POST requests.</summary>
    public const string TokenHeader = "X-CSRF-TOKEN";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            if (IsStateChanging(context.Request) && context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
            {
                if (!SameOrigin(context.Request))
                {
                    await Problem(context, StatusCodes.Status403Forbidden, "origin", "cross-origin requests are refused");
                    return;
                }
                try
                {
                    await antiforgery.ValidateRequestAsync(context);
                }
                catch (AntiforgeryValidationException)
                {
                    await Problem(context, StatusCodes.Status400BadRequest, TokenHeader,
                        $"missing or invalid antiforgery token: fetch GET /api/antiforgery and send its token in the {TokenHeader} header");
                    return;
                }
            }
            await next(context);
        }
        catch (WorkbenchInputException e) when (!context.Response.HasStarted)
        {
            if (e.RetryAfterSeconds is { } wait)
                context.Response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Problem(context, e.Status, e.Field, e.Message);
        }
        catch (Exception e) when (!context.Response.HasStarted && e is UserInputException or UnknownNameException or LevelFormatException)
        {
            await Problem(context, StatusCodes.Status400BadRequest, e is UnknownNameException u ? u.Kind : "body", e.Message);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await Problem(context, e.StatusCode, "body", e.Message);
        }
    }

    /// <summary>Writes the API's error shape: <c>{ "error": message, "field": name }</c>.</summary>
    public static Task Problem(HttpContext context, int status, string field, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ApiError(message, field));
    }

    private static bool IsStateChanging(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));

    private static bool SameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
            return true;
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri) &&
            string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase);
    }
}
