using Goodhart.Learning.Models;
using static TorchSharp.torch;

namespace Goodhart.Learning.Interpretability;

/// <summary>
/// The hooks of one forward pass: functions attached to named <see cref="HookPoints"/> that observe or replace
/// activations. Hooks at one point run in the order they were added, each seeing what the previous returned; hooks
/// added with <see cref="AddEverywhere"/> run after the named ones at every point. Attach with
/// <see cref="TransformerBackbone.UseHooks"/> or run with <see cref="HookedRuns"/>; point names are checked against
/// the model when attached (an unknown name throws rather than silently doing nothing).
/// </summary>
public sealed class ActivationHooks
{
    private readonly Dictionary<string, List<ActivationHook>> _byPoint = new(StringComparer.Ordinal);
    private readonly List<(Func<string, bool> Where, ActivationHook Hook)> _everywhere = [];

    /// <summary>The hook points that have at least one named hook.</summary>
    public IReadOnlyCollection<string> Points => _byPoint.Keys;

    /// <summary>Adds <paramref name="hook"/> at <paramref name="point"/> (a <see cref="HookPoints"/> name); returns this.</summary>
    public ActivationHooks Add(string point, ActivationHook hook)
    {
        ArgumentException.ThrowIfNullOrEmpty(point);
        ArgumentNullException.ThrowIfNull(hook);
        if (!_byPoint.TryGetValue(point, out var hooks))
        {
            hooks = [];
            _byPoint[point] = hooks;
        }

        hooks.Add(hook);
        return this;
    }

    /// <summary>
    /// Adds <paramref name="hook"/> at every hook point for which <paramref name="where"/> is true (every point when
    /// null); returns this.
    /// </summary>
    public ActivationHooks AddEverywhere(ActivationHook hook, Func<string, bool>? where = null)
    {
        ArgumentNullException.ThrowIfNull(hook);
        _everywhere.Add((where ?? (_ => true), hook));
        return this;
    }

    /// <summary>Adds every hook of <paramref name="other"/> after this set's own, in their order; returns this.</summary>
    public ActivationHooks AddFrom(ActivationHooks other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (point, hooks) in other._byPoint)
        {
            foreach (var hook in hooks)
            {
                Add(point, hook);
            }
        }

        _everywhere.AddRange(other._everywhere);
        return this;
    }

    /// <summary>
    /// Records into <paramref name="cache"/> the activation at every point where <paramref name="where"/> is true
    /// (every point when null), as it is after the hooks added before this call; returns this.
    /// </summary>
    public ActivationHooks CacheInto(ActivationCache cache, Func<string, bool>? where = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ActivationHook record = (activation, point) =>
        {
            cache.Record(point, activation);
            return activation;
        };
        if (where is null)
        {
            return AddEverywhere(record);
        }

        return AddEverywhere(record, where);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming any hook point a model with <paramref name="options"/> lacks.</summary>
    public void Validate(TransformerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var known = HookPoints.All(options).ToHashSet(StringComparer.Ordinal);
        foreach (var point in _byPoint.Keys)
        {
            if (!known.Contains(point))
            {
                throw new ArgumentException(
                    $"Unknown hook point '{point}' for a model with {options.Layers} layers; known points: {string.Join(", ", HookPoints.All(options))}.");
            }
        }
    }

    /// <summary>Runs the hooks of <paramref name="point"/> on <paramref name="activation"/>; the tensor to continue with.</summary>
    internal Tensor Run(string point, Tensor activation)
    {
        if (_byPoint.TryGetValue(point, out var hooks))
        {
            foreach (var hook in hooks)
            {
                activation = Checked(point, activation, hook(activation, point));
            }
        }

        foreach (var (where, hook) in _everywhere)
        {
            if (where(point))
            {
                activation = Checked(point, activation, hook(activation, point));
            }
        }

        return activation;
    }

    private static Tensor Checked(string point, Tensor before, Tensor? after)
    {
        if (after is null)
        {
            throw new InvalidOperationException($"A hook at '{point}' returned null; return the activation to leave it unchanged.");
        }

        if (!ReferenceEquals(before, after) && !before.shape.SequenceEqual(after.shape))
        {
            throw new InvalidOperationException(
                $"A hook at '{point}' returned shape [{string.Join(", ", after.shape)}] for an activation of shape [{string.Join(", ", before.shape)}].");
        }

        return after;
    }
}
