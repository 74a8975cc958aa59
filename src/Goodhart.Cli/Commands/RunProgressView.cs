using Goodhart.Experiments.Running;
using Spectre.Console;

namespace Goodhart.Cli.Commands;

/// <summary>Renders a recipe run's events as Spectre progress bars: one for all cells, one per running slot showing the cell and its live status.</summary>
internal sealed class RunProgressView(ProgressContext context, int total, int slots) : IProgress<CellEvent>
{
    private readonly Lock _gate = new();
    private readonly ProgressTask _overall = context.AddTask($"{total} cells", maxValue: Math.Max(1, total));
    private readonly List<ProgressTask> _slots = [.. Enumerable.Range(0, slots).Select(i => context.AddTask("[grey]waiting[/]", autoStart: false, maxValue: 1))];
    private readonly Dictionary<string, ProgressTask> _running = new(StringComparer.Ordinal);
    private int _done;

    public void Report(CellEvent value)
    {
        lock (_gate)
        {
            switch (value.Kind)
            {
                case CellEventKind.Skipped:
                    _done++;
                    _overall.Value = _done;
                    _overall.Description = $"{total} cells ({_done} done)";
                    break;
                case CellEventKind.Started:
                    var slot = _slots.FirstOrDefault(s => !_running.ContainsValue(s));
                    if (slot is null)
                        break;
                    _running[value.CellId] = slot;
                    slot.StartTask();
                    slot.Value = 0;
                    slot.Description = Markup.Escape(value.Label);
                    break;
                case CellEventKind.Progressed when _running.TryGetValue(value.CellId, out var task):
                    task.Value = Math.Clamp(value.Progress.Fraction, 0, 1);
                    task.Description = Markup.Escape(value.Label) + (value.Progress.Status.Length == 0 ? "" : "  [grey]" + Markup.Escape(value.Progress.Status) + "[/]");
                    break;
                case CellEventKind.Finished:
                    if (_running.Remove(value.CellId, out var finished))
                    {
                        finished.Value = 1;
                        finished.Description = "[grey]" + Markup.Escape(value.Label) + " done[/]";
                    }
                    _done++;
                    _overall.Value = _done;
                    _overall.Description = $"{total} cells ({_done} done)";
                    break;
            }
        }
    }
}
