using System.CommandLine;
using Goodhart.Web.Workbench;
using Goodhart.Web.Workbench.Rating;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Goodhart.Cli.Commands;

/// <summary>
/// <c>goodhart web [--host 127.0.0.1] [--port 5080] [--store PATH]</c>: the web workbench (reward-hacking game,
/// "be the rater", run browser) over the CLI's run store. Listens on loopback unless <c>--host</c> names another
/// address.
/// </summary>
internal static class WebCommand
{
    public static Command Create()
    {
        var host = new Option<string>("--host") { Description = "Address to listen on (loopback by default; another address exposes the workbench to the network).", DefaultValueFactory = _ => "127.0.0.1" };
        var port = NumericOptions.Port("Port, 0 to 65535 (0 picks a free one).", 5080);
        var store = CommonOptions.Store();
        var command = new Command("web", "Open the web workbench: the reward-hacking game, be the rater, and the run browser.") { host, port, store };
        command.SetAction((parse, cancellation) => CliErrors.RunAsync(async () =>
        {
            var options = new WorkbenchOptions { Host = parse.GetValue(host)!, Port = parse.GetValue(port), StorePath = parse.GetValue(store)! };
            var app = WorkbenchApp.Build(options, new RatingSessionFactory());
            await using (app.ConfigureAwait(false))
            {
                await app.StartAsync(cancellation).ConfigureAwait(false);
                if (!WorkbenchApp.IsLoopback(options.Host))
                    Console.Error.WriteLine($"warning: listening on {options.Host}: anyone who can reach this address can use the workbench and start trainings");
                Console.WriteLine($"Goodhart workbench: {WorkbenchApp.Address(app)}  (run store {Path.GetFullPath(options.StorePath)}; Ctrl+C to stop)");
                await app.WaitForShutdownAsync(cancellation).ConfigureAwait(false);
            }
            return 0;
        }));
        return command;
    }
}
