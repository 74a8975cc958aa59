using Goodhart.Web.ModelServer;
using Spectre.Console;

namespace Goodhart.Cli.Commands.Eval;

/// <summary>
/// The lab's OpenAI-compatible model server started in process for <c>goodhart eval --embedded</c>: the models folder
/// (the default policies trained first when it holds none, as <c>goodhart serve</c> does) served on 127.0.0.1 at a free
/// port, rate limiting off, one generation at a time. The eval reaches it over HTTP like any other server.
/// </summary>
internal sealed class EmbeddedModelServer : IAsyncDisposable
{
    private readonly ModelRegistry _registry;
    private readonly ModelServerHost _host;

    private EmbeddedModelServer(ModelRegistry registry, ModelServerHost host)
    {
        _registry = registry;
        _host = host;
    }

    /// <summary>The base URL to give an OpenAI client (<c>http://127.0.0.1:PORT/v1</c>).</summary>
    public string BaseUrl => _host.BaseUrl;

    /// <summary>The ids of the served models, in the folder's order.</summary>
    public IReadOnlyList<string> ModelIds => _registry.Models.Select(m => m.Id).ToArray();

    /// <summary>Prepares <paramref name="folder"/> (training the default models when it has none) and starts the server.</summary>
    public static async Task<EmbeddedModelServer> StartAsync(string folder, CancellationToken cancellationToken)
    {
        ServeCommand.UseOneTorchThreadUnlessSet();
        var entries = ServeCommand.Prepare(Path.GetFullPath(folder), new DefaultModelOptions(), cancellationToken);
        var registry = ServeCommand.Load(entries);
        try
        {
            var options = new ModelServerOptions { RateLimitBurst = 0, MaxConcurrentGenerations = 1, MaxQueuedRequests = 256 };
            var host = ModelServerHost.Create(registry, options, ["http://127.0.0.1:0"]);
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            var server = new EmbeddedModelServer(registry, host);
            AnsiConsole.MarkupLine($"embedded model server at [bold]{Markup.Escape(server.BaseUrl)}[/] serving {Markup.Escape(string.Join(", ", server.ModelIds))}");
            return server;
        }
        catch
        {
            registry.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _host.DisposeAsync().ConfigureAwait(false);
        _registry.Dispose();
    }
}
