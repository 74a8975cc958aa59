namespace Goodhart.Evals.Models;

/// <summary>Where an OpenAI-compatible chat endpoint is (OpenAI, Ollama, vLLM, llama.cpp's server, `goodhart serve`).</summary>
public sealed record OpenAICompatibleOptions
{
    /// <summary>The default API key variable.</summary>
    public const string DefaultApiKeyVariable = "OPENAI_API_KEY";

    /// <summary>The model name the server knows (e.g. <c>llama3.2:1b</c>).</summary>
    public required string Model { get; init; }

    /// <summary>The API's base URL (e.g. <c>http://localhost:11434/v1</c>); null for api.openai.com.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>The environment variable holding the API key (its name is logged, its value never is).</summary>
    public string ApiKeyVariable { get; init; } = DefaultApiKeyVariable;

    /// <summary>The HTTP handler to send requests through (tests); null for the default.</summary>
    public HttpMessageHandler? Handler { get; init; }
}
