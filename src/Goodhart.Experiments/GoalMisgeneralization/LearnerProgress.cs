using System.Globalization;

namespace Goodhart.Experiments.GoalMisgeneralization;

/// <summary>Forwards a learner's fraction done to the cell's progress, with the recent mean return, about a hundred times.</summary>
internal sealed class LearnerProgress(IProgress<CellProgress> cell, Queue<double> recent) : IProgress<double>
{
    private int _reported = -1;

    public void Report(double value)
    {
        var percent = (int)(value * 100);
        if (percent == _reported)
            return;
        _reported = percent;
        var status = recent.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"return {recent.Average():0.00}");
        cell.Report(new CellProgress(value, status));
    }
}
