using System.CommandLine;
using Goodhart.Core;
using Goodhart.Evals.Models;
using Goodhart.Experiments.Evals;
using Microsoft.Extensions.AI;

namespace Goodhart.Cli.Commands.Eval;

/// <summary>The options that pick and reach models (model under evaluation and judge), shared by <c>eval</c> and <c>eval rescore</c>.</summary>
internal sealed class EvalModelOptions
{
    /// <summary>The variable <c>--base-url</c> defaults to.</summary>
    public const string BaseUrlVariable = "GOODHART_BASE_URL";

    public Option<string?> BaseUrl { get; } = new("--base-url")
    {
        Description = $"OpenAI-compatible API base URL (e.g. http://localhost:11434/v1 for Ollama). Default: ${BaseUrlVariable}, else api.openai.com.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(BaseUrlVariable),
    };

    public Option<string> ApiKeyEnv { get; } = new("--api-key-env")
    {
        Description = "Environment variable holding the API key (its value is never logged).",
        DefaultValueFactory = _ => OpenAICompatibleOptions.DefaultApiKeyVariable,
    };

    public Option<string?> JudgeModel { get; } = new("--judge-model") { Description = "Judge model for model-graded scorers (same server unless --judge-base-url)." };

    public Option<string?> JudgeBaseUrl { get; } = new("--judge-base-url") { Description = "Judge's API base URL (default: --base-url)." };

    public Option<double> Timeout { get; } = new("--timeout") { Description = "Per-call timeout in seconds.", DefaultValueFactory = _ => 120 };

    public Option<int> Retries { get; } = new("--retries") { Description = "Retries of a call on transient errors (network, timeout, 429, 5xx), with exponential backoff and jitter.", DefaultValueFactory = _ => 3 };

    public Option<string?> Cache { get; } = new("--cache") { Description = "Response cache folder (record/replay)." };

    public Option<bool> Offline { get; } = new("--offline") { Description = "Replay from --cache only; a miss is an error and the network is never used." };

    public IEnumerable<Option> All => [BaseUrl, ApiKeyEnv, JudgeModel, JudgeBaseUrl, Timeout, Retries, Cache, Offline];

    /// <summary>The middleware settings from the parsed options.</summary>
    public ModelCallOptions Calls(ParseResult parse)
    {
        var timeout = parse.GetValue(Timeout);
        EvalLimits.Check("--timeout", timeout, EvalLimits.TimeoutSeconds, exclusiveMin: true);
        var retries = parse.GetValue(Retries);
        EvalLimits.Check("--retries", retries, EvalLimits.Retries);
        var cacheDir = parse.GetValue(Cache);
        var offline = parse.GetValue(Offline);
        if (offline && cacheDir is null)
            throw new UserInputException("--offline needs --cache DIR");
        return new ModelCallOptions
        {
            Timeout = TimeSpan.FromSeconds(timeout),
            Retry = new RetryPolicy { MaxRetries = retries },
            Cache = cacheDir is null ? null : new ResponseCache(cacheDir, offline ? ResponseCacheMode.OfflineOnly : ResponseCacheMode.ReadWrite),
        };
    }

    /// <summary>The client for <paramref name="model"/>: <c>mockllm/...</c> offline mocks, else an OpenAI-compatible endpoint.</summary>
    public static IChatClient CreateClient(string model, string? baseUrl, string apiKeyEnv)
    {
        if (model.StartsWith(MockChatClient.Prefix, StringComparison.Ordinal))
            return new MockChatClient(model);
        return OpenAICompatibleChatClientFactory.Create(new OpenAICompatibleOptions { Model = model, BaseUrl = ParseUrl(baseUrl), ApiKeyVariable = apiKeyEnv });
    }

    /// <summary>The judge, wrapped in the same middleware as the model; null without <c>--judge-model</c>.</summary>
    public IChatClient? CreateJudge(ParseResult parse, ModelCallOptions calls)
    {
        var judge = parse.GetValue(JudgeModel);
        if (judge is null)
            return null;
        var url = parse.GetValue(JudgeBaseUrl) ?? parse.GetValue(BaseUrl);
        return CreateClient(judge, url, parse.GetValue(ApiKeyEnv)!).WithEvalMiddleware(calls);
    }

    /// <summary>A URL for logs: user info (credentials) removed.</summary>
    public static string? Redact(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.ToString()
            : url;

    private static Uri? ParseUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
            return null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new UserInputException($"--base-url '{Redact(url)}' is not an http(s) URL");
        return uri;
    }
}
