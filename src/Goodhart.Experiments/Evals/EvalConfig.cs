using System.Globalization;
using System.Text.Json.Nodes;
using Goodhart.Core;
using Goodhart.Evals.Harness;
using Goodhart.Evals.Metrics;
using Goodhart.Evals.Models;
using Microsoft.Extensions.AI;

namespace Goodhart.Experiments.Evals;

/// <summary>
/// The <c>eval</c> kind's configuration: what <c>goodhart eval SUITE --model M ...</c> takes, as recipe fields
/// (snake_case). The cell's seed seeds the suite's generated items and the per-call sampling seeds. Relative paths
/// (<see cref="Cache"/>) are read from the working directory, else from the nearest folder above the program that
/// has them (so a shipped recipe naming <c>evals/recorded/...</c> runs from anywhere in the repository).
/// </summary>
public sealed record EvalConfig
{
    /// <summary>A built-in suite (<c>goodhart eval list</c>), e.g. <c>sycophancy-lab</c>.</summary>
    public string Suite { get; init; } = "sycophancy-lab";

    /// <summary>The model on the server, or <c>mockllm/echo</c>, <c>mockllm/TEXT</c> for offline mocks.</summary>
    public string Model { get; init; } = "mockllm/echo";

    /// <summary>The OpenAI-compatible API's base URL; null: <c>api.openai.com</c>.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>The environment variable holding the API key (its value is never logged); default <c>OPENAI_API_KEY</c>.</summary>
    public string ApiKeyEnv { get; init; } = OpenAICompatibleOptions.DefaultApiKeyVariable;

    /// <summary>Response cache folder (record and replay); null for none.</summary>
    public string? Cache { get; init; }

    /// <summary>Replay from <see cref="Cache"/> only: a miss is an errored sample and the network is never used; default false.</summary>
    public bool Offline { get; init; }

    /// <summary>Run the first N samples only (0 to 1,000,000); null for all.</summary>
    public int? Limit { get; init; }

    /// <summary>Runs per sample (1 to 100); null keeps the suite's.</summary>
    public int? Epochs { get; init; }

    /// <summary>How epochs of a sample combine: mean, max, min, pass_at_K; default mean.</summary>
    public string EpochsReducer { get; init; } = "mean";

    /// <summary>Sampling temperature (0 to 2); null: the server's.</summary>
    public double? Temperature { get; init; }

    /// <summary>Sample-epochs in flight at once (1 to 64); default 4.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Retries of a call on transient errors (0 to 10); default 3.</summary>
    public int Retries { get; init; } = 3;

    /// <summary>Per-call timeout in seconds (above 0, at most 3,600); default 120.</summary>
    public double TimeoutS { get; init; } = 120;

    /// <summary>Throws <see cref="UserInputException"/> naming the first field out of range.</summary>
    public void Validate()
    {
        if (SuiteCatalog.Find(Suite) is null)
            throw new UserInputException($"config.suite: no suite '{Suite}' (known: {string.Join(", ", SuiteCatalog.All.Select(s => s.Name))})");
        if (string.IsNullOrWhiteSpace(Model))
            throw new UserInputException("config.model: name the model under evaluation");
        EvalLimits.Check("config.limit", Limit, EvalLimits.Limit);
        EvalLimits.Check("config.epochs", Epochs, EvalLimits.Epochs);
        EvalLimits.Check("config.concurrency", Concurrency, EvalLimits.Concurrency);
        EvalLimits.Check("config.retries", Retries, EvalLimits.Retries);
        EvalLimits.Check("config.temperature", Temperature, EvalLimits.Temperature);
        EvalLimits.Check("config.timeout_s", TimeoutS, EvalLimits.TimeoutSeconds, exclusiveMin: true);
        if (Offline && Cache is null)
            throw new UserInputException("config.offline: needs config.cache (the folder to replay)");
        if (Cache is not null && Offline && !Directory.Exists(ResolvePath(Cache)))
            throw new UserInputException($"config.cache: folder '{Cache}' not found (relative paths are read from the working directory or the folders above the program)");
        var reducer = Reducer("config.epochs_reducer");
        if ((Epochs ?? CreateTask(1).Epochs) < reducer.MinEpochs)
            throw new UserInputException(FormattableString.Invariant($"config.epochs_reducer: {reducer.Name} needs epochs >= {reducer.MinEpochs}"));
        if (BaseUrl is not null && !(Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
            throw new UserInputException($"config.base_url: '{BaseUrl}' is not an http(s) URL");
    }

    /// <summary>The task of <see cref="Suite"/> with its items generated from <paramref name="seed"/>.</summary>
    public EvalTask CreateTask(ulong seed) =>
        (SuiteCatalog.Find(Suite) ?? throw new UserInputException($"config.suite: no suite '{Suite}'")).CreateTask(new SuiteOptions { Seed = seed });

    /// <summary>The client of <see cref="Model"/>: a <c>mockllm/...</c> mock, else an OpenAI-compatible endpoint.</summary>
    public IChatClient CreateClient() =>
        Model.StartsWith(MockChatClient.Prefix, StringComparison.Ordinal)
            ? new MockChatClient(Model)
            : OpenAICompatibleChatClientFactory.Create(new OpenAICompatibleOptions { Model = Model, BaseUrl = BaseUrl is null ? null : new Uri(BaseUrl), ApiKeyVariable = ApiKeyEnv });

    /// <summary>The runner's options: timeout, retries and cache, epochs, limit, reducer, temperature, sampling seed <paramref name="seed"/>.</summary>
    public EvalRunOptions RunOptions(ulong seed) => new()
    {
        Epochs = Epochs,
        Limit = Limit,
        MaxConcurrency = Concurrency,
        Reducer = Reducer("config.epochs_reducer"),
        Generation = Temperature is { } t ? new ChatOptions { Temperature = (float)t } : null,
        SamplingSeed = seed,
        Calls = new ModelCallOptions
        {
            Timeout = TimeSpan.FromSeconds(TimeoutS),
            Retry = new RetryPolicy { MaxRetries = Retries },
            Cache = Cache is null ? null : new ResponseCache(ResolvePath(Cache), Offline ? ResponseCacheMode.OfflineOnly : ResponseCacheMode.ReadWrite),
        },
    };

    /// <summary>The configuration as stored with the run and written to the log's header.</summary>
    public JsonObject ToRunConfig(EvalTask task, ulong seed) => new()
    {
        ["task"] = task.Name,
        ["suite"] = Suite,
        ["model"] = Model,
        ["base_url"] = BaseUrl,
        ["api_key_env"] = ApiKeyEnv,
        ["epochs"] = Epochs ?? task.Epochs,
        ["epochs_reducer"] = EpochsReducer,
        ["limit"] = Limit,
        ["concurrency"] = Concurrency,
        ["temperature"] = Temperature,
        ["timeout_s"] = TimeoutS,
        ["retries"] = Retries,
        ["cache"] = Cache is null ? null : ResolvePath(Cache),
        ["cache_mode"] = Cache is null ? null : (Offline ? ResponseCacheMode.OfflineOnly : ResponseCacheMode.ReadWrite).ToString(),
        ["seed"] = seed,
        ["experiment_kind"] = "eval",
    };

    /// <summary>
    /// <paramref name="path"/> as given when absolute or present under the working directory; else the first folder
    /// above the program's own that holds it; else as given (the caller reports it missing).
    /// </summary>
    public static string ResolvePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Path.IsPathRooted(path) || Path.Exists(path))
            return Path.GetFullPath(path);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, path);
            if (Path.Exists(candidate))
                return candidate;
        }
        return Path.GetFullPath(path);
    }

    private EpochReducer Reducer(string field)
    {
        try
        {
            return EpochReducer.Parse(EpochsReducer);
        }
        catch (FormatException e)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"{field}: {e.Message}"), e);
        }
    }
}
