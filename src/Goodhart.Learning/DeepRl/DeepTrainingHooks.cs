namespace Goodhart.Learning.DeepRl;

/// <summary>Callbacks into a deep agent's training (progress bars, run stores). Null members do nothing.</summary>
public sealed record DeepTrainingHooks
{
    /// <summary>Called for every training episode that ends, in order.</summary>
    public Action<DeepEpisode>? EpisodeFinished { get; init; }

    /// <summary>Called after every update with its diagnostics.</summary>
    public Action<DeepUpdateStatistics>? Updated { get; init; }
}
