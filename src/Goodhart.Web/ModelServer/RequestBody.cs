using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Goodhart.Web.ModelServer;

/// <summary>Reads a request body up to a size limit, refusing larger ones with 413 (by Content-Length when given, else while reading).</summary>
public static class RequestBody
{
    /// <summary>The whole body, at most <paramref name="limit"/> bytes; throws <see cref="OpenAiException"/> (413) beyond that.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpContext context, long limit)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size && (size.MaxRequestBodySize is null || size.MaxRequestBodySize > limit + 1))
        {
            size.MaxRequestBodySize = limit + 1;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                if (buffer.Length + read > limit)
                {
                    throw TooLarge(limit);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(limit);
        }

        return buffer.ToArray();
    }

    private static OpenAiException TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than this server's limit of {limit} bytes.", "invalid_request_error", null, "request_too_large");
}
