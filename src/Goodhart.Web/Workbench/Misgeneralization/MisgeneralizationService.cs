using Goodhart.Experiments.GoalMisgeneralization;

namespace Goodhart.Web.Workbench.Misgeneralization;

/// <summary>
/// Trains the goal-misgeneralization page's learners, one at a time (a second request while one trains is refused
/// with 429), and keeps the last few trained policies so that asking for more test levels of the same training is
/// immediate.
/// </summary>
public sealed class MisgeneralizationService : IDisposable
{
    /// <summary>Most training steps one request may ask for (PPO trains a few thousand steps a second on one core).</summary>
    public const long MaxSteps = 200_000;

    /// <summary>Most test levels one request may show.</summary>
    public const int MaxLevels = 24;

    /// <summary>Trained policies kept (least recently used dropped first).</summary>
    public const int PoliciesKept = 4;

    private readonly SemaphoreSlim _training = new(1, 1);
    private readonly LinkedList<(string Key, IGoalPolicy Policy)> _kept = new();
    private readonly Lock _lock = new();

    /// <summary>The trained policy for <paramref name="config"/> and <paramref name="seed"/>, trained now unless kept; null when another training is running.</summary>
    public IGoalPolicy? Policy(GoalMisgeneralizationConfig config, ulong seed, CancellationToken cancellation, out bool trained)
    {
        var key = $"{config.Family}|{config.Agent}|{config.DecorrelationShare:R}|{config.Steps}|{seed}";
        trained = false;
        lock (_lock)
        {
            var node = _kept.First;
            while (node is not null && node.Value.Key != key)
                node = node.Next;
            if (node is not null)
            {
                _kept.Remove(node);
                _kept.AddFirst(node);
                return node.Value.Policy;
            }
        }
        if (!_training.Wait(0, cancellation))
            return null;
        try
        {
            var policy = MisgeneralizationWatch.Train(config, seed, null, cancellation);
            trained = true;
            lock (_lock)
            {
                _kept.AddFirst((key, policy));
                while (_kept.Count > PoliciesKept)
                {
                    _kept.Last!.Value.Policy.Dispose();
                    _kept.RemoveLast();
                }
            }
            return policy;
        }
        finally
        {
            _training.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var (_, policy) in _kept)
                policy.Dispose();
            _kept.Clear();
        }
        _training.Dispose();
    }
}
