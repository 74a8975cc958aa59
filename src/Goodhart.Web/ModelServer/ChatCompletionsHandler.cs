using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Goodhart.Learning.Generation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Goodhart.Web.ModelServer;

/// <summary>
/// <c>POST /v1/chat/completions</c>: reads the body (at most <see cref="ModelServerOptions.MaxRequestBodyBytes"/>),
/// validates it, maps the conversation to the policy's prompt (<see cref="ChatPromptMapper"/>), waits for a
/// generation slot (<see cref="GenerationQueue"/>) and answers as one <c>chat.completion</c> or, with
/// <c>stream: true</c>, as server-sent <c>chat.completion.chunk</c> events ending with <c>data: [DONE]</c>, or, when
/// generation fails after the stream has started, with one <c>data: {"error": {...}}</c> event in OpenAI's error shape.
/// </summary>
public static class ChatCompletionsHandler
{
    /// <summary>Handles one request.</summary>
    public static async Task HandleAsync(HttpContext context, ModelRegistry models, ModelServerOptions options, GenerationQueue queue)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(queue);
        try
        {
            var body = await RequestBody.ReadAsync(context, options.MaxRequestBodyBytes).ConfigureAwait(false);
            var request = ChatCompletionRequestParser.Parse(body, options);
            var model = models.Find(request.Model)
                ?? throw new OpenAiException(StatusCodes.Status404NotFound, $"The model '{request.Model}' does not exist. GET /v1/models lists the served models.", "invalid_request_error", "model", "model_not_found");
            var prompt = ChatPromptMapper.Map(request.Messages);
            var contextLength = model.Policy.Options.ContextLength;
            var promptTokens = prompt.Length + 1;
            if (promptTokens >= contextLength)
            {
                throw OpenAiException.InvalidRequest(
                    $"This model's context is {contextLength} tokens; the prompt takes {promptTokens} (one character a token, and bos), leaving no room for an answer.", "messages", "context_length_exceeded");
            }

            if (request.MaxTokens > contextLength)
            {
                throw OpenAiException.InvalidRequest(
                    $"{request.MaxTokensField} is too large: {request.MaxTokens}. This model's context is {contextLength} tokens.", request.MaxTokensField, "invalid_value");
            }

            var sampling = new SamplingOptions
            {
                Temperature = request.Temperature,
                TopP = request.TopP > 0 ? request.TopP : 1e-9,
                MaxNewTokens = request.MaxTokens ?? options.DefaultMaxTokens,
            };
            var seed = request.Seed ?? Random.Shared.NextInt64();
            var id = ChatCompletionResponses.NewId();
            var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            using var slot = await queue.EnterAsync(context.RequestAborted).ConfigureAwait(false);
            if (!request.Stream)
            {
                var choices = await Task.Run(
                    () => PolicyDecoder.Decode(model.Policy, prompt, request.N, sampling, seed, request.Stop, null, context.RequestAborted),
                    context.RequestAborted).ConfigureAwait(false);
                await Results.Json(ChatCompletionResponses.Completion(id, created, model.Id, choices, promptTokens), OpenAiJson.Options)
                    .ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            await StreamAsync(context, request, model, prompt, sampling, seed, id, created, promptTokens).ConfigureAwait(false);
        }
        catch (OpenAiException e) when (!context.Response.HasStarted)
        {
            await OpenAiErrors.WriteAsync(context, e).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
    }

    private static async Task StreamAsync(
        HttpContext context, ChatCompletionRequest request, ServedModel model, string prompt, SamplingOptions sampling, long seed, string id, long created, int promptTokens)
    {
        var events = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var aborted = context.RequestAborted;
        var producer = Task.Run(
            () =>
            {
                try
                {
                    for (var i = 0; i < request.N; i++)
                    {
                        events.Writer.TryWrite(ChatCompletionResponses.Chunk(id, created, model.Id, i, "assistant", "", null));
                    }

                    var choices = PolicyDecoder.Decode(
                        model.Policy,
                        prompt,
                        request.N,
                        sampling,
                        seed,
                        request.Stop,
                        (index, text) => events.Writer.TryWrite(ChatCompletionResponses.Chunk(id, created, model.Id, index, null, text, null)),
                        aborted);
                    foreach (var choice in choices)
                    {
                        events.Writer.TryWrite(ChatCompletionResponses.Chunk(id, created, model.Id, choice.Index, null, null, choice.FinishReason));
                    }

                    if (request.IncludeUsage)
                    {
                        events.Writer.TryWrite(ChatCompletionResponses.UsageChunk(id, created, model.Id, promptTokens, choices.Sum(c => c.CompletionTokens)));
                    }

                    events.Writer.TryComplete();
                }
                catch (Exception e)
                {
                    events.Writer.TryComplete(e);
                }
            },
            CancellationToken.None);

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            await foreach (var chunk in events.Reader.ReadAllAsync(aborted).ConfigureAwait(false))
            {
                await WriteEventAsync(context, JsonSerializer.Serialize(chunk, OpenAiJson.Options), aborted).ConfigureAwait(false);
            }

            await WriteEventAsync(context, "[DONE]", aborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !aborted.IsCancellationRequested)
        {
            // The answer has started (200 and its first chunks are sent), so no status code can carry the failure:
            // the stream ends with an error event in OpenAI's shape instead of a dropped connection, and the
            // exception goes to the log under the request id, never to the client.
            var requestId = Http.RequestIds.Current ?? context.TraceIdentifier;
            context.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("Goodhart.Web.ModelServer")
                .LogError(e, "request {RequestId} failed while streaming its answer", requestId);
            var error = new OpenAiException(
                StatusCodes.Status500InternalServerError,
                $"The model failed while generating this answer, so the text streamed so far is incomplete. Retry the request; the server's log has the details under request id {requestId}.",
                "server_error",
                null,
                "generation_failed");
            await WriteEventAsync(context, JsonSerializer.Serialize(OpenAiErrors.Body(error), OpenAiJson.Options), aborted).ConfigureAwait(false);
        }
        finally
        {
            await producer.ConfigureAwait(false);
        }
    }

    private static async Task WriteEventAsync(HttpContext context, string data, CancellationToken cancellationToken)
    {
        await context.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"data: {data}\n\n"), cancellationToken).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
