namespace Goodhart.Web.Workbench.Misgeneralization;

/// <summary>Body of <c>POST /api/misgeneralization/watch</c>: which learner to train on which family, and how many test levels to show; unset fields take the defaults.</summary>
public sealed record MisgeneralizationWatchRequest
{
    /// <summary>The level family (<c>goal_in_corner</c> by default, or <c>keys_and_chests</c>).</summary>
    public string? Family { get; init; }

    /// <summary>The learner (<c>ppo</c> by default, or a tabular one).</summary>
    public string? Agent { get; init; }

    /// <summary>Share of training levels with goal and proxy apart, 0 to 1 (default 0).</summary>
    public double? DecorrelationShare { get; init; }

    /// <summary>Training env steps (default 20,000; at most <see cref="MisgeneralizationService.MaxSteps"/>).</summary>
    public long? Steps { get; init; }

    /// <summary>The seed of training and of the test levels (0 to 2^31 - 1, default 0).</summary>
    public long? Seed { get; init; }

    /// <summary>Test levels to show (1 to <see cref="MisgeneralizationService.MaxLevels"/>, default 6).</summary>
    public int? Levels { get; init; }
}
