using System.Text;
using Goodhart.Core.Environments;
using Spectre.Console;

namespace Goodhart.Cli.Commands;

/// <summary>Draws a gridworld board in the terminal with colours per tile kind.</summary>
internal static class BoardRenderer
{
    public static string ToMarkup(ReadOnlySpan<byte> board, int width)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < board.Length; i++)
        {
            if (i > 0 && i % width == 0)
                sb.Append('\n');
            var ch = (char)board[i];
            var style = ch switch
            {
                'A' => "bold black on yellow",
                '#' => "grey on grey19",
                'G' => "bold white on green",
                'L' => "bold white on red",
                'W' => "white on blue",
                '>' or '<' or '^' or 'v' => "bold yellow",
                'I' => "bold white on darkorange",
                'B' => "bold white on purple",
                'P' => "bold white on maroon",
                'S' => "bold white on navy",
                'O' => "bold white on teal",
                'X' => "bold black on tan",
                _ => "",
            };
            var text = Markup.Escape(ch.ToString());
            sb.Append(style.Length == 0 ? text : $"[{style}]{text}[/]");
        }
        return sb.ToString();
    }
}
