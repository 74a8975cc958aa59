namespace Goodhart.Experiments.Rlhf;

/// <summary>An <see cref="IProgress{T}"/> that calls back synchronously (no synchronisation context).</summary>
public sealed class StepProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
