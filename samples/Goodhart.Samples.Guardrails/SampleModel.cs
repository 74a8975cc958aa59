using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Goodhart.Samples.Guardrails;

/// <summary>Picks the model: an OpenAI-compatible endpoint when GOODHART_BASE_URL and GOODHART_MODEL are set, else the echo client.</summary>
internal static class SampleModel
{
    public static IChatClient FromEnvironment(out string description)
    {
        var baseUrl = Environment.GetEnvironmentVariable("GOODHART_BASE_URL");
        var model = Environment.GetEnvironmentVariable("GOODHART_MODEL");
        if (string.IsNullOrWhiteSpace(baseUrl) || string.IsNullOrWhiteSpace(model))
        {
            description = "echo (set GOODHART_BASE_URL and GOODHART_MODEL for a real endpoint)";
            return new EchoChatClient();
        }
        // Local servers (goodhart serve, vLLM, llama.cpp) ignore the key; hosted ones read it from GOODHART_API_KEY.
        var key = Environment.GetEnvironmentVariable("GOODHART_API_KEY") is { Length: > 0 } k ? k : "unused";
        description = $"{model} at {baseUrl}";
        return new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(baseUrl) })
            .GetChatClient(model)
            .AsIChatClient();
    }
}
