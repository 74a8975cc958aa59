using System.ClientModel;
using System.ClientModel.Primitives;
using Goodhart.Core;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace Goodhart.Evals.Models;

/// <summary>
/// Makes an <see cref="IChatClient"/> for an OpenAI-compatible chat-completions endpoint through the OpenAI 2.x client
/// and Microsoft.Extensions.AI.OpenAI. The client's own retries are switched off and its network timeout lifted, so
/// the harness's middleware (<see cref="RetryingChatClient"/>, <see cref="TimeoutChatClient"/>) is the one policy.
/// </summary>
public static class OpenAICompatibleChatClientFactory
{
    /// <summary>The key used for local servers that ignore keys, when the key variable is unset.</summary>
    internal const string PlaceholderKey = "no-key";

    /// <summary>
    /// The chat client of <paramref name="options"/>. The key comes from the environment variable it names; for
    /// api.openai.com an unset variable is an error, for other endpoints (local servers) a placeholder is sent.
    /// </summary>
    public static IChatClient Create(OpenAICompatibleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Model))
            throw new UserInputException("the model name is empty");
        var key = Environment.GetEnvironmentVariable(options.ApiKeyVariable);
        if (string.IsNullOrEmpty(key))
        {
            if (options.BaseUrl is null)
                throw new UserInputException($"environment variable {options.ApiKeyVariable} is not set (it must hold the API key for api.openai.com; pass --base-url for a local server)");
            key = PlaceholderKey;
        }
        var clientOptions = new OpenAIClientOptions
        {
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromHours(1),
        };
        if (options.BaseUrl is { } url)
            clientOptions.Endpoint = url;
        if (options.Handler is { } handler)
            clientOptions.Transport = new HttpClientPipelineTransport(new HttpClient(handler, disposeHandler: false));
        return new ChatClient(options.Model, new ApiKeyCredential(key), clientOptions).AsIChatClient();
    }
}
