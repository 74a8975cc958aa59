using Microsoft.AspNetCore.Http;

namespace Goodhart.Web.Http;

/// <summary>Writes an edge refusal in the endpoint's own JSON error format (the request id is <see cref="RequestIds.Current"/>).</summary>
/// <param name="context">The request, whose response has not started.</param>
/// <param name="status">The HTTP status.</param>
/// <param name="code">What was refused: <c>host</c>, <c>request_timeout</c>, <c>bad_request</c> or <c>server_error</c>.</param>
/// <param name="message">One sentence for the user, never a stack trace or a path.</param>
public delegate Task EdgeErrorWriter(HttpContext context, int status, string code, string message);
