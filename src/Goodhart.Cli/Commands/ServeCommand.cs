using System.CommandLine;
using System.Globalization;
using System.Net;
using Goodhart.Core;
using Goodhart.Learning;
using Goodhart.Web.ModelServer;
using Spectre.Console;

using Goodhart.Experiments.Rlhf;

namespace Goodhart.Cli.Commands;

/// <summary>
/// <c>goodhart serve</c>: serves the RLHF lab's policies through an OpenAI-compatible API on localhost. With no
/// policy in the models folder it first trains the default ones (SFT, and DPO against the typical rater) and saves
/// them there. See docs/serve.md.
/// </summary>
internal static class ServeCommand
{
    /// <summary>The most SFT steps <c>--sft-steps</c> accepts.</summary>
    internal const int MaxSftSteps = 1_000_000;

    /// <summary>The most generations <c>--max-concurrent</c> accepts.</summary>
    internal const int MaxConcurrent = 256;

    /// <summary>The largest <c>--rate-limit</c> (requests per minute per client).</summary>
    internal const int MaxRateLimit = 1_000_000;

    /// <summary>The smallest <c>--max-request-bytes</c> (what <see cref="ModelServerOptions.Validate"/> accepts).</summary>
    internal const long MinRequestBytes = 1024;

    /// <summary>The largest <c>--max-request-bytes</c>: 16 MiB (a policy's whole context is a few hundred characters).</summary>
    internal const long MaxRequestBytes = 16 * 1024 * 1024;

    public static Command Create()
    {
        var models = new Option<string>("--models") { Description = "Models folder (models.json, or ID.safetensors / ID/model.safetensors checkpoints).", DefaultValueFactory = _ => ModelFolder.DefaultPath };
        var host = new Option<string>("--host") { Description = "Address to bind; anything but a loopback address exposes the server to the network.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = NumericOptions.Port("Port to listen on, 0 to 65535 (0: any free port).", ModelServerHost.DefaultPort);
        var urls = new Option<string?>("--urls") { Description = "Kestrel URLs, ';'-separated (overrides --host and --port), e.g. http://0.0.0.0:8008." };
        var apiKeyEnv = new Option<string?>("--api-key-env") { Description = "Name of an environment variable holding the bearer key clients must send (the key itself is never printed)." };
        var trainOnly = new Option<bool>("--train-only") { Description = "Prepare the models (train the defaults if the folder has none) and exit." };
        var noDpo = new Option<bool>("--no-dpo") { Description = "When training the defaults, train only the SFT policy." };
        var rater = new Option<string>("--rater") { Description = "When training the defaults, the rater profile whose labels DPO learns from (typical, careful, hurried or a .rater path).", DefaultValueFactory = _ => RlhfPresets.Serve.Rater };
        var sftSteps = NumericOptions.Integer("--sft-steps", $"When training the defaults, SFT steps of 32 examples (1 to {MaxSftSteps:N0}).", RlhfPresets.Serve.SftSteps, 1, MaxSftSteps);
        var concurrency = NumericOptions.Integer("--max-concurrent", $"Generations running at once, 1 to {MaxConcurrent} (the rest queue).", new ModelServerOptions().MaxConcurrentGenerations, 1, MaxConcurrent);
        var rateLimit = NumericOptions.Integer("--rate-limit", $"Requests per minute per client IP, 0 to {MaxRateLimit:N0} (token bucket of the same size); 0 turns it off.", new ModelServerOptions().RateLimitPerMinute, 0, MaxRateLimit);
        var maxBody = NumericOptions.Long("--max-request-bytes", $"Largest request body accepted, {MinRequestBytes:N0} to {MaxRequestBytes:N0} (413 beyond).", new ModelServerOptions().MaxRequestBodyBytes, MinRequestBytes, MaxRequestBytes);
        var command = new Command("serve", "Serve the lab's trained policies through an OpenAI-compatible API (trains the default ones first if there are none).")
        {
            models, host, port, urls, apiKeyEnv, trainOnly, noDpo, rater, sftSteps, concurrency, rateLimit, maxBody,
        };
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var folder = Path.GetFullPath(parse.GetValue(models)!);
            var limit = parse.GetValue(rateLimit);
            var options = new ModelServerOptions
            {
                MaxConcurrentGenerations = parse.GetValue(concurrency),
                RateLimitBurst = Math.Max(0, limit),
                RateLimitPerMinute = Math.Max(1, limit),
                MaxRequestBodyBytes = parse.GetValue(maxBody),
                ApiKey = ApiKey(parse.GetValue(apiKeyEnv)),
            };
            Validate(options);
            var training = new DefaultModelOptions { TrainDpo = !parse.GetValue(noDpo), Config = RlhfPresets.Serve with { Rater = parse.GetValue(rater)!, SftSteps = parse.GetValue(sftSteps) } };
            _ = RlhfRaters.Get(training.Config.Rater); // an unknown rater fails before any training
            var bindings = Bindings(parse.GetValue(urls), parse.GetValue(host)!, parse.GetValue(port));
            ModelServerHost.CheckUrls(bindings); // a bad --urls fails before any training or loading
            UseOneTorchThreadUnlessSet();
            var entries = Prepare(folder, training, cancellationToken);
            if (parse.GetValue(trainOnly))
            {
                AnsiConsole.MarkupLine($"models ready in [bold]{Markup.Escape(folder)}[/]; start the server with [bold]goodhart serve --models {Markup.Escape(folder)}[/]");
                return 0;
            }

            return await ServeAsync(entries, options, bindings, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    internal static IReadOnlyList<ModelManifestEntry> Prepare(string folder, DefaultModelOptions training, CancellationToken cancellationToken)
    {
        var entries = Find(folder);
        if (entries.Count > 0)
        {
            AnsiConsole.MarkupLine($"models folder [bold]{Markup.Escape(folder)}[/]: {entries.Count} polic{(entries.Count == 1 ? "y" : "ies")}");
            return entries;
        }

        AnsiConsole.MarkupLine($"No policy checkpoints in [bold]{Markup.Escape(folder)}[/]: training the default models and saving them there.");
        AnsiConsole.MarkupLine(training.TrainDpo
            ? $"  {training.SftId}: SFT on the RLHF world's corpus ({training.Config.SftSteps} steps of {training.Config.SftBatch}); {training.DpoId}: DPO from it on pairs labelled by the {training.Config.Rater} rater."
            : $"  {training.SftId}: SFT on the RLHF world's corpus ({training.Config.SftSteps} steps of {training.Config.SftBatch}).");
        AnsiConsole.MarkupLine("  This takes a few minutes on a small CPU (set GOODHART_TORCH_THREADS to change torch's threads); it is done once.");
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var tasks = new Dictionary<string, ProgressTask>
                {
                    ["sft"] = context.AddTask(training.SftId),
                };
                if (training.TrainDpo)
                {
                    tasks["pairs"] = context.AddTask("preference pairs");
                    tasks["dpo"] = context.AddTask(training.DpoId);
                }

                if (training.Evaluate)
                {
                    tasks["eval"] = context.AddTask("held-out evaluation");
                }

                DefaultModels.Train(folder, training, new Reporter(p =>
                {
                    var task = tasks[p.Stage];
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    task.Description = Markup.Escape($"{(p.Stage switch { "sft" => training.SftId, "dpo" => training.DpoId, "eval" => "held-out evaluation", _ => "preference pairs" })}  {p.Detail}");
                }), cancellationToken);
            });
        entries = Find(folder);
        AnsiConsole.MarkupLine($"saved {entries.Count} polic{(entries.Count == 1 ? "y" : "ies")} and {ModelManifest.FileName} in [bold]{Markup.Escape(folder)}[/]");
        return entries;
    }

    private static async Task<int> ServeAsync(IReadOnlyList<ModelManifestEntry> entries, ModelServerOptions options, IReadOnlyList<string> bindings, CancellationToken cancellationToken)
    {
        using var registry = Load(entries);
        var table = new Table().AddColumns("model", "checkpoint", "what");
        foreach (var model in registry.Models)
        {
            table.AddRow(Markup.Escape(model.Id), Markup.Escape(model.Source), Markup.Escape(model.Description ?? ""));
        }

        ConsoleTables.Write(table);
        await using var server = ModelServerHost.Create(registry, options, bindings);
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        AnsiConsole.MarkupLine($"OpenAI-compatible API at [bold green]{Markup.Escape(server.BaseUrl)}[/] (give this base URL to an OpenAI client; model ids above){(options.ApiKey is null ? "" : "; bearer key required")}");
        foreach (var other in server.Addresses.Skip(1))
        {
            AnsiConsole.MarkupLine($"also listening on {Markup.Escape(other)}");
        }

        if (options.ApiKey is null && bindings.Any(b => !IsLoopback(b)))
        {
            AnsiConsole.MarkupLine("[yellow]warning:[/] listening beyond this machine without an API key (see --api-key-env).");
        }

        AnsiConsole.MarkupLine("Ctrl+C stops the server.");
        try
        {
            await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return 0;
    }

    private static IReadOnlyList<string> Bindings(string? urls, string host, int port)
    {
        if (!string.IsNullOrWhiteSpace(urls))
        {
            return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        var address = host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
        return [string.Create(CultureInfo.InvariantCulture, $"http://{address}:{port}")];
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));

    private static string? ApiKey(string? variable)
    {
        if (string.IsNullOrWhiteSpace(variable))
        {
            return null;
        }

        var key = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrEmpty(key) ? throw new UserInputException($"--api-key-env {variable}: that environment variable is not set or empty.") : key;
    }

    private static void Validate(ModelServerOptions options)
    {
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UserInputException(e.Message, e);
        }
    }

    private static IReadOnlyList<ModelManifestEntry> Find(string folder)
    {
        try
        {
            return ModelFolder.Find(folder);
        }
        catch (InvalidDataException e)
        {
            throw new UserInputException(e.Message, e);
        }
    }

    internal static ModelRegistry Load(IReadOnlyList<ModelManifestEntry> entries)
    {
        try
        {
            return ModelRegistry.Load(entries);
        }
        catch (InvalidDataException e)
        {
            throw new UserInputException(e.Message, e);
        }
    }

    internal static void UseOneTorchThreadUnlessSet()
    {
        TorchRuntime.Initialize();
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TorchRuntime.ThreadsVariable)))
        {
            TorchSharp.torch.set_num_threads(1);
        }
    }

    private sealed class Reporter(Action<DefaultModelProgress> report) : IProgress<DefaultModelProgress>
    {
        public void Report(DefaultModelProgress value) => report(value);
    }
}
