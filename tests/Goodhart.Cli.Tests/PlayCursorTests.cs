using Goodhart.Cli.Commands;
using Goodhart.Core.Environments;
using Spectre.Console;

namespace Goodhart.Cli.Tests;

/// <summary>
/// <c>goodhart play</c> hides the cursor while it draws the board and shows it again on every way out: the episode's
/// end, q, the end of input and an exception while reading a key.
/// </summary>
public sealed class PlayCursorTests
{
    private const string Hide = "\u001b[?25l";
    private const string Show = "\u001b[?25h";

    private static (IAnsiConsole Console, StringWriter Output) Terminal()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
        });
        return (console, output);
    }

    private static Func<ConsoleKeyInfo?> Keys(string keys)
    {
        var i = 0;
        return () => i < keys.Length ? new ConsoleKeyInfo(keys[i++], default, false, false, false) : null;
    }

    private static void AssertRestored(string output)
    {
        Assert.Contains(Hide, output, StringComparison.Ordinal);
        Assert.True(output.LastIndexOf(Show, StringComparison.Ordinal) > output.LastIndexOf(Hide, StringComparison.Ordinal), "the cursor is left hidden");
    }

    [Theory]
    [InlineData("rrq")]    // q quits
    [InlineData("rr")]     // the input ends
    public void Quitting_shows_the_cursor_again(string keys)
    {
        var (console, output) = Terminal();
        Assert.Equal(0, PlayCommand.Play(EnvironmentCatalog.Default().Create("boat_race", []), 0, console, Keys(keys), interactive: true));
        AssertRestored(output.ToString());
    }

    [Fact]
    public void The_end_of_the_episode_shows_the_cursor_again()
    {
        var (console, output) = Terminal();
        Assert.Equal(0, PlayCommand.Play(EnvironmentCatalog.Default().Create("boat_race", []), 0, console, Keys(new string('r', 200)), interactive: true));
        Assert.Contains("the hidden side", output.ToString(), StringComparison.Ordinal);
        AssertRestored(output.ToString());
    }

    [Fact]
    public void An_exception_while_reading_a_key_shows_the_cursor_again()
    {
        var (console, output) = Terminal();
        var presses = 0;
        ConsoleKeyInfo? Broken() => ++presses < 3 ? new ConsoleKeyInfo('r', default, false, false, false) : throw new InvalidOperationException("the terminal went away");
        Assert.Throws<InvalidOperationException>(() => PlayCommand.Play(EnvironmentCatalog.Default().Create("boat_race", []), 0, console, Broken, interactive: true));
        AssertRestored(output.ToString());
    }

    [Fact]
    public void Redirected_input_leaves_the_cursor_alone()
    {
        var (console, output) = Terminal();
        Assert.Equal(0, PlayCommand.Play(EnvironmentCatalog.Default().Create("boat_race", []), 0, console, Keys("rq"), interactive: false));
        Assert.DoesNotContain(Hide, output.ToString(), StringComparison.Ordinal);
    }
}
