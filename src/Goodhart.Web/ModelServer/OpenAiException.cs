using Microsoft.AspNetCore.Http;

namespace Goodhart.Web.ModelServer;

/// <summary>
/// A request the server refuses, carried to the response as OpenAI's error object
/// (<c>{"error": {"message", "type", "param", "code"}}</c>) with its HTTP status.
/// </summary>
public sealed class OpenAiException : Exception
{
    /// <summary>An error with its status, OpenAI error type, the offending field (or null) and a machine-readable code (or null).</summary>
    public OpenAiException(int statusCode, string message, string type, string? param = null, string? code = null)
        : base(message)
    {
        StatusCode = statusCode;
        Type = type;
        Param = param;
        Code = code;
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>OpenAI's error type, e.g. <c>invalid_request_error</c>.</summary>
    public string Type { get; }

    /// <summary>The request field at fault, e.g. <c>temperature</c> or <c>messages[0].content</c>.</summary>
    public string? Param { get; }

    /// <summary>A short code, e.g. <c>model_not_found</c>.</summary>
    public string? Code { get; }

    /// <summary>400: a field is missing, malformed or out of range.</summary>
    public static OpenAiException InvalidRequest(string message, string? param, string? code = null) =>
        new(StatusCodes.Status400BadRequest, message, "invalid_request_error", param, code);
}
