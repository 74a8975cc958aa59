namespace Goodhart.Reports;

/// <summary>Settings of a run report.</summary>
/// <param name="Title">Heading and HTML title.</param>
/// <param name="Window">
/// Episodes per smoothing window: the moving averages and event rates in the plots, and the first/final windows of the
/// summary table. Null picks <see cref="DefaultWindow"/> per run.
/// </param>
public sealed record RunReportOptions(string Title = "Goodhart run report", int? Window = null)
{
    /// <summary>Default settings.</summary>
    public static readonly RunReportOptions Default = new();

    /// <summary>Largest window the default picks.</summary>
    public const int MaxDefaultWindow = 100;

    /// <summary>
    /// The default window for a run with <paramref name="trainingEpisodes"/> training episodes: a tenth of them,
    /// at least 1 and at most <see cref="MaxDefaultWindow"/>.
    /// </summary>
    public static int DefaultWindow(int trainingEpisodes) => Math.Clamp(trainingEpisodes / 10, 1, MaxDefaultWindow);

    /// <summary>The window used for a run with <paramref name="trainingEpisodes"/> training episodes.</summary>
    public int WindowFor(int trainingEpisodes)
    {
        if (Window is { } w)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(w, 1, nameof(Window));
            return w;
        }
        return DefaultWindow(trainingEpisodes);
    }
}
