using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Goodhart.Experiments.Rlhf;
using Spectre.Console;

namespace Goodhart.Cli.Commands.Rlhf;

/// <summary>
/// A Spectre progress display with one bar per pipeline stage. A stage's bar follows the "done/total" counts in
/// the library's progress lines (<c>sft step 120/600 loss 0.41</c>, <c>best-of-n: sampled 512/2048</c>) and shows
/// the latest line beside it; the stage's wall-clock seconds are kept in <see cref="Seconds"/>.
/// </summary>
internal sealed partial class StageProgress : IRlhfStageRunner
{
    private readonly Dictionary<string, ProgressTask> _tasks;

    private StageProgress(Dictionary<string, ProgressTask> tasks) => _tasks = tasks;

    /// <summary>Wall-clock seconds of each finished stage.</summary>
    public Dictionary<string, double> Seconds { get; } = new(StringComparer.Ordinal);

    /// <summary>Shows a bar per stage of <paramref name="stages"/> while <paramref name="body"/> runs them.</summary>
    public static T Run<T>(IReadOnlyList<string> stages, Func<StageProgress, T> body)
    {
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var tasks = stages.ToDictionary(s => s, s => ctx.AddTask(Label(s, "waiting"), autoStart: false, maxValue: 1), StringComparer.Ordinal);
                result = body(new StageProgress(tasks));
            });
        return result;
    }

    /// <summary>Runs one stage, its bar following the progress lines <paramref name="work"/> reports.</summary>
    public T Stage<T>(string name, Func<IProgress<string>, T> work)
    {
        var task = _tasks[name];
        task.StartTask();
        task.Description = Label(name, "running");
        var clock = Stopwatch.StartNew();
        var result = work(new LineProgress(line =>
        {
            var count = Count().Match(line);
            if (count.Success)
            {
                var total = double.Parse(count.Groups[2].Value, CultureInfo.InvariantCulture);
                if (total > 0)
                {
                    task.MaxValue = total;
                    task.Value = Math.Min(total, double.Parse(count.Groups[1].Value, CultureInfo.InvariantCulture));
                }
            }
            task.Description = Label(name, line);
        }));
        Seconds[name] = clock.Elapsed.TotalSeconds;
        task.Value = task.MaxValue;
        task.Description = Label(name, string.Create(CultureInfo.InvariantCulture, $"done in {clock.Elapsed.TotalSeconds:0.0} s"));
        task.StopTask();
        return result;
    }

    /// <summary>Runs one stage that returns nothing.</summary>
    public void Stage(string name, Action<IProgress<string>> work) => Stage(name, log =>
    {
        work(log);
        return 0;
    });

    private static string Label(string stage, string status)
    {
        var text = status.Length > 70 ? status[..70] : status;
        return $"[bold]{Markup.Escape(stage),-6}[/] [grey]{Markup.Escape(text)}[/]";
    }

    [GeneratedRegex(@"(\d+)/(\d+)")]
    private static partial Regex Count();

    private sealed class LineProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
