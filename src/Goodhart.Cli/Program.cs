using System.CommandLine;
using Goodhart.Cli.Commands;
using Goodhart.Cli.Commands.Eval;
using Goodhart.Cli.Commands.Guard;

namespace Goodhart.Cli;

public static class Program
{
    public static int Main(string[] args) => Build().Parse(args).Invoke();

    /// <summary>The whole command tree; each command lives in its own file under Commands/.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("Goodhart: a laboratory for the gap between the reward we can specify and the behaviour we want.");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(EnvsCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(PlayCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(ReproduceCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ExperimentsCommand.Create());
        root.Subcommands.Add(RunsCommand.Create());
        root.Subcommands.Add(Commands.Rlhf.RlhfCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(GuardCommand.Create());
        root.Subcommands.Add(ConstitutionCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(WebCommand.Create());
        return root;
    }
}
