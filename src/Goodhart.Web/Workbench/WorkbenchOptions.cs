namespace Goodhart.Web.Workbench;

/// <summary>How <c>goodhart web</c> is started: where it listens, which run store it reads and writes.</summary>
public sealed record WorkbenchOptions
{
    /// <summary>Address to bind; loopback unless the user asks for another one explicitly.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = 5080;

    /// <summary>The run store (the CLI's default unless given).</summary>
    public string StorePath { get; init; } = Core.Runs.RunStore.DefaultPath;

    /// <summary>Folder of pages, scripts and styles (default: <c>wwwroot</c> beside the binaries).</summary>
    public string WebRoot { get; init; } = Path.Combine(AppContext.BaseDirectory, "wwwroot");

    /// <summary>Caps on the work any request can start.</summary>
    public WorkbenchLimits Limits { get; init; } = new();

    /// <summary>The debate page's judge, data and limits.</summary>
    public Debate.DebateOptions Debate { get; init; } = new();

    /// <summary>Host allow-list, slow-body limit and default Retry-After (docs/web.md).</summary>
    public Http.HttpEdgeOptions Edge { get; init; } = new();
}
