using System.CommandLine;
using Spectre.Console;

namespace Goodhart.Cli.Tests;

/// <summary>Runs the goodhart command line in-process, capturing what it writes to the console.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var savedConsole = AnsiConsole.Console;
        var savedError = Console.Error;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 250;
        AnsiConsole.Console = console;
        Console.SetError(error);
        try
        {
            var code = Program.Run(args, new InvocationConfiguration { Output = output, Error = error });
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            AnsiConsole.Console = savedConsole;
            Console.SetError(savedError);
        }
    }
}
