namespace Goodhart.Learning.Interpretability;

/// <summary>The handle <see cref="Models.TransformerBackbone.UseHooks"/> returns: detaches the hooks once, when disposed.</summary>
internal sealed class HookAttachment(Action detach) : IDisposable
{
    private Action? _detach = detach;

    /// <inheritdoc />
    public void Dispose() => Interlocked.Exchange(ref _detach, null)?.Invoke();
}
