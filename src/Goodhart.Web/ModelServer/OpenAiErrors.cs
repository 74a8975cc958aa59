using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Goodhart.Web.ModelServer;

/// <summary>Writes refusals in OpenAI's error shape: <c>{"error": {"message", "type", "param", "code", "request_id"}}</c> (the request id as in the <c>X-Request-Id</c> header).</summary>
public static class OpenAiErrors
{
    /// <summary>The error as a minimal-API result.</summary>
    public static IResult Result(OpenAiException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Results.Json(Body(error), OpenAiJson.Options, statusCode: error.StatusCode);
    }

    /// <summary>Writes the error to a response that has not started.</summary>
    public static async Task WriteAsync(HttpContext context, OpenAiException error)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        context.Response.StatusCode = error.StatusCode;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, Body(error), OpenAiJson.Options, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The JSON body of an error.</summary>
    public static object Body(OpenAiException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new { error = new { message = error.Message, type = error.Type, param = error.Param, code = error.Code, request_id = Http.RequestIds.Current } };
    }
}
