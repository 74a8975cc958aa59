using Microsoft.AspNetCore.Http;

namespace Goodhart.Web.ModelServer;

/// <summary>
/// Bounds the generations running at once (<see cref="ModelServerOptions.MaxConcurrentGenerations"/>) so the CPU
/// is not oversubscribed; requests beyond that wait in order, and beyond
/// <see cref="ModelServerOptions.MaxQueuedRequests"/> waiting ones are refused with 503.
/// </summary>
public sealed class GenerationQueue : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly int _capacity;
    private int _pending;

    /// <summary>A queue with the options' bounds.</summary>
    public GenerationQueue(ModelServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _slots = new SemaphoreSlim(options.MaxConcurrentGenerations, options.MaxConcurrentGenerations);
        _capacity = options.MaxConcurrentGenerations + options.MaxQueuedRequests;
    }

    /// <summary>Requests running or waiting.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Waits for a generation slot; dispose the result to free it. Throws <see cref="OpenAiException"/> (503) when the queue is full.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _pending) > _capacity)
        {
            Interlocked.Decrement(ref _pending);
            throw new OpenAiException(StatusCodes.Status503ServiceUnavailable, "The server is busy generating for other requests; retry shortly.", "server_error", null, "server_busy");
        }

        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Interlocked.Decrement(ref _pending);
            throw;
        }

        return new Slot(this);
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();

    private sealed class Slot(GenerationQueue queue) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                queue._slots.Release();
                Interlocked.Decrement(ref queue._pending);
            }
        }
    }
}
