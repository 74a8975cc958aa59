namespace Goodhart.Web.Workbench;

/// <summary>
/// The body of every error answer of the workbench's API: what went wrong, which input field caused it, and the
/// request's id (the <c>X-Request-Id</c> header's value, also in the server's log).
/// </summary>
public sealed record ApiError(string Error, string Field)
{
    /// <summary>The id of the request that failed (null outside a request).</summary>
    public string? RequestId { get; init; } = Http.RequestIds.Current;
}
