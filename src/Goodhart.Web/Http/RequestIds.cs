using Microsoft.AspNetCore.Http;

namespace Goodhart.Web.Http;

/// <summary>
/// The request id every response of the workbench and the model server carries in <see cref="Header"/>, and every
/// JSON error carries in its body, so a user's report can be matched to the server's log line.
/// </summary>
public static class RequestIds
{
    /// <summary>The response header naming the request id.</summary>
    public const string Header = "X-Request-Id";

    private static readonly AsyncLocal<string?> CurrentId = new();

    /// <summary>The id of the request being handled on this flow (null outside a request).</summary>
    public static string? Current => CurrentId.Value;

    /// <summary>Gives the request a fresh id (never one the client sent), sets the header and makes it <see cref="Current"/>.</summary>
    public static string Assign(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = "req_" + Guid.NewGuid().ToString("N")[..16];
        context.TraceIdentifier = id;
        context.Response.Headers[Header] = id;
        CurrentId.Value = id;
        return id;
    }
}
