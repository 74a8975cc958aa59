namespace Goodhart.Core.Runs;

/// <summary>File formats runs can be exported to.</summary>
public enum ExportFormat
{
    /// <summary>One row per episode with the run's fields repeated and one column per safety event.</summary>
    Csv,

    /// <summary>The runs with their config, summary, episodes and metrics, nested.</summary>
    Json,
}
