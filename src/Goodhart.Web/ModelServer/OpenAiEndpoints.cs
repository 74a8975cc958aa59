using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Goodhart.Web.ModelServer;

/// <summary>
/// Mounts the OpenAI-compatible API on any ASP.NET Core host (the <c>goodhart serve</c> host, or the workbench):
/// <c>GET {prefix}/models</c>, <c>GET {prefix}/models/{id}</c>, <c>POST {prefix}/chat/completions</c>, 405 for other
/// methods on those paths and 404 for other paths under the prefix, all errors in OpenAI's shape. Needs the
/// services of <see cref="ModelServerServiceCollectionExtensions.AddOpenAiCompatibleApi"/>.
/// </summary>
public static class OpenAiEndpoints
{
    private static readonly string[] NotGet = ["POST", "PUT", "PATCH", "DELETE"];
    private static readonly string[] NotPost = ["GET", "HEAD", "PUT", "PATCH", "DELETE"];

    /// <summary>Maps the API under <paramref name="prefix"/> (default <c>/v1</c>) and returns its route group.</summary>
    public static RouteGroupBuilder MapOpenAiCompatibleApi(this IEndpointRouteBuilder endpoints, string prefix = "/v1")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(prefix);
        group.AddEndpointFilter(endpoints.ServiceProvider.GetRequiredService<AccessFilter>());
        group.MapGet("/models", (ModelRegistry models) => Results.Json(new { @object = "list", data = models.Models.Select(Describe).ToArray() }, OpenAiJson.Options));
        group.MapGet("/models/{id}", (string id, ModelRegistry models) => models.Find(id) is { } model
            ? Results.Json(Describe(model), OpenAiJson.Options)
            : OpenAiErrors.Result(new OpenAiException(StatusCodes.Status404NotFound, $"The model '{id}' does not exist.", "invalid_request_error", "model", "model_not_found")));
        group.MapPost("/chat/completions", ChatCompletionsHandler.HandleAsync);
        group.MapMethods("/models", NotGet, (HttpContext context) => WrongMethod(context, "GET"));
        group.MapMethods("/models/{id}", NotGet, (HttpContext context) => WrongMethod(context, "GET"));
        group.MapMethods("/chat/completions", NotPost, (HttpContext context) => WrongMethod(context, "POST"));
        group.Map("/{**path}", (HttpContext context) => OpenAiErrors.Result(new OpenAiException(
            StatusCodes.Status404NotFound,
            $"Unknown request URL: {context.Request.Method} {context.Request.Path}. This server offers GET {prefix}/models and POST {prefix}/chat/completions.",
            "invalid_request_error",
            null,
            "unknown_url")));
        return group;
    }

    private static object Describe(ServedModel model) => new
    {
        id = model.Id,
        @object = "model",
        created = model.Created.ToUnixTimeSeconds(),
        owned_by = ServedModel.OwnedBy,
    };

    private static IResult WrongMethod(HttpContext context, string allowed)
    {
        context.Response.Headers.Allow = allowed;
        return OpenAiErrors.Result(new OpenAiException(
            StatusCodes.Status405MethodNotAllowed,
            $"{context.Request.Method} is not allowed on {context.Request.Path}; use {allowed}.",
            "invalid_request_error",
            null,
            "method_not_allowed"));
    }
}
