using Microsoft.AspNetCore.Http;

namespace Goodhart.Web.Workbench;

/// <summary>A request input that failed validation; answered with 400 (or 404 for an unknown id) and a message naming the field.</summary>
public sealed class WorkbenchInputException(string field, string message, int status = StatusCodes.Status400BadRequest) : Exception(message)
{
    /// <summary>The request field at fault (JSON property or query parameter name).</summary>
    public string Field { get; } = field;

    /// <summary>The HTTP status to answer with.</summary>
    public int Status { get; } = status;

    /// <summary>For a 429 or 503: seconds the client should wait, sent as <c>Retry-After</c> (null: the edge's default).</summary>
    public int? RetryAfterSeconds { get; init; }
}
