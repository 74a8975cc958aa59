using System.Text.Json.Serialization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Goodhart.Web.Workbench;

/// <summary>Reads a JSON request body strictly: unknown fields and wrong types are 400 errors naming the field.</summary>
internal static class JsonBody
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { new FiniteDoubleConverter() },
    };

    public static async Task<T> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            throw new WorkbenchInputException("body", "expected a JSON body (Content-Type: application/json)");
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, Options, request.HttpContext.RequestAborted)
                ?? throw new WorkbenchInputException("body", "the body is empty (null)");
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            throw new WorkbenchInputException(field, $"invalid JSON at '{field}': {FirstSentence(e.Message)}");
        }
    }

    /// <summary>
    /// Reads an optional JSON body: a request that carries none (no Content-Length and not chunked, or Content-Length 0)
    /// takes the defaults (<c>new T()</c>); any other body, chunked ones (no Content-Length) included, is read strictly
    /// by <see cref="ReadAsync{T}"/>.
    /// </summary>
    public static async Task<T> ReadOptionalAsync<T>(HttpRequest request)
        where T : class, new()
        => HasBody(request) ? await ReadAsync<T>(request) : new T();

    /// <summary>Whether the request carries a body: the server's own answer where it gives one, else its headers.</summary>
    private static bool HasBody(HttpRequest request)
    {
        var detection = request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>();
        return detection?.CanHaveBody ?? (request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0));
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
