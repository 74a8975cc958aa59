using TorchSharp;

namespace Goodhart.Learning;

/// <summary>
/// A torch intra-op thread count pinned by <see cref="TorchRuntime.PinThreads"/>: disposing it puts back the count
/// the pinning thread had before (once; later calls do nothing).
/// </summary>
public sealed class TorchThreadPin : IDisposable
{
    private int _ended;

    internal TorchThreadPin(int previous) => Previous = previous;

    /// <summary>The intra-op thread count in effect on the pinning thread before the pin; restored by <see cref="Dispose"/>.</summary>
    public int Previous { get; }

    /// <summary>Restores <see cref="Previous"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
            torch.set_num_threads(Previous);
    }
}
