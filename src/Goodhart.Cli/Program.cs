using System.CommandLine;
using Goodhart.Cli.Commands;
using Goodhart.Cli.Commands.Eval;
using Goodhart.Cli.Commands.Guard;

namespace Goodhart.Cli;

/// <summary>
/// The <c>goodhart</c> command. The error contract lives here and in <see cref="CliErrors"/>: exit 0 on success,
/// 1 for a failed gate (an eval under its threshold), 2 and one line for bad input (including command-line parse
/// errors), 130 when cancelled (Ctrl-C, SIGINT, SIGTERM), and 70 with one line for an internal error; the global
/// <c>--verbose</c> flag adds the stack trace.
/// </summary>
public static class Program
{
    /// <summary>The global flag that shows stack traces with errors.</summary>
    public const string VerboseFlag = "--verbose";

    public static int Main(string[] args) => Run(args);

    /// <summary>Parses and runs <paramref name="args"/> under the error contract; no exception escapes.</summary>
    public static int Run(string[] args, InvocationConfiguration? configuration = null)
    {
        var error = configuration?.Error ?? Console.Error;
        var verbose = args.Contains(VerboseFlag, StringComparer.Ordinal);
        try
        {
            var parse = Build().Parse(args);
            verbose = parse.GetValue<bool>(VerboseFlag);
            if (parse.Errors.Count > 0)
            {
                var command = parse.CommandResult.Command;
                var help = command is RootCommand ? "goodhart --help" : $"goodhart {CommandPath(command)} --help";
                error.WriteLine($"error: {CliErrors.OneLine(parse.Errors[0].Message).TrimEnd('.')} (see {help})");
                return CliErrors.UsageError;
            }
            CliErrors.Verbose = verbose;
            var invocation = configuration ?? new InvocationConfiguration();
            invocation.EnableDefaultExceptionHandler = false;
            return parse.Invoke(invocation);
        }
        catch (Exception e)
        {
            return CliErrors.Report(e, error, verbose);
        }
        finally
        {
            CliErrors.Verbose = false;
        }
    }

    /// <summary>The whole command tree; each command lives in its own file under Commands/.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("Goodhart: a laboratory for the gap between the reward we can specify and the behaviour we want.");
        root.Options.Add(new Option<bool>(VerboseFlag) { Description = "Show the stack trace with an error.", Recursive = true });
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

    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? s = command; s is Command c and not RootCommand; s = c.Parents.FirstOrDefault())
            names.Insert(0, c.Name);
        return string.Join(' ', names);
    }
}
