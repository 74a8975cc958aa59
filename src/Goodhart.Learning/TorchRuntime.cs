using Goodhart.Core.Randomness;
using TorchSharp;

namespace Goodhart.Learning;

/// <summary>
/// Process-wide TorchSharp setup: intra-op threads (<see cref="ThreadsVariable"/>, else
/// <see cref="Environment.ProcessorCount"/>; an experiment pins its own count with <see cref="UseThreads"/>, a training
/// inside a longer-lived host for its own duration with <see cref="PinThreads"/>), and seeding of torch's global generator from the project's 64-bit seeds.
/// </summary>
/// <remarks>
/// Determinism: on the CPU, libtorch gives bit-identical results for the same seed, inputs, thread count and
/// library version; a different thread count can change the last bits of reductions (sums, matmuls). Goodhart's
/// sampling and data order never read torch's global generator: they use generators made by
/// <see cref="CreateGenerator"/> and <see cref="Xoshiro256"/> streams derived from the run's seed, so a resumed
/// run draws what an uninterrupted run would. On CUDA, some kernels (atomics in index_add, scatter, embedding
/// backward) are not deterministic; results agree only up to floating-point noise there.
/// </remarks>
public static class TorchRuntime
{
    /// <summary>The sub-stream of a run seed that seeds torch's global generator (parameter initialisation).</summary>
    public const ulong TorchStream = 0x7041;

    private static int _initialized;

    /// <summary>
    /// Held while seeding torch's global generator and drawing from it (model construction), so concurrent
    /// constructions cannot interleave their draws.
    /// </summary>
    public static Lock GlobalGeneratorLock { get; } = new();

    /// <summary>
    /// The environment variable that sets torch's intra-op thread count (a positive integer); unset, the processor
    /// count. On a shared or loaded machine one thread is often several times faster than all cores.
    /// </summary>
    public const string ThreadsVariable = "GOODHART_TORCH_THREADS";

    /// <summary>
    /// The intra-op thread count <see cref="Initialize"/> set (0 before it ran). Later pins (<see cref="UseThreads"/>,
    /// which the experiments and the deep RL trainers call) change torch's count, not this.
    /// </summary>
    public static int InitialThreads { get; private set; }

    /// <summary>Sets torch's intra-op thread count (see <see cref="ThreadCount"/>); later calls do nothing.</summary>
    public static void Initialize()
    {
        if (Interlocked.Exchange(ref _initialized, 1) == 0)
        {
            InitialThreads = ThreadCount(Environment.GetEnvironmentVariable(ThreadsVariable));
            torch.set_num_threads(InitialThreads);
        }
    }

    /// <summary>The most intra-op threads <see cref="UseThreads"/> accepts (an experiment's <c>torch_threads</c>).</summary>
    public const int MaxThreads = 256;

    /// <summary>
    /// Pins torch's intra-op thread count to <paramref name="threads"/> for the calling thread and for every thread
    /// that starts torch work after it (libtorch keeps the count per native thread, read once on a thread's first
    /// parallel operation): an experiment calls this before its torch work so that its results do not depend on the
    /// machine's core count or on <see cref="ThreadsVariable"/> (a different count can change the last bits of sums,
    /// and small models then train along another path). Throws <see cref="ArgumentOutOfRangeException"/> unless
    /// <paramref name="threads"/> is 1 to <see cref="MaxThreads"/>.
    /// </summary>
    /// <remarks>
    /// The pin lasts until the next call: right for a process that runs one experiment. Code that trains beside other
    /// torch work in a longer-lived host (the deep RL trainers, which the web workbench runs) pins with
    /// <see cref="PinThreads"/> instead, which puts the previous count back when its scope ends.
    /// </remarks>
    public static void UseThreads(int threads)
    {
        CheckThreads(threads);
        Initialize();
        torch.set_num_threads(threads);
    }

    /// <summary>
    /// Pins torch's intra-op thread count to <paramref name="threads"/> as <see cref="UseThreads"/> does, until the
    /// returned pin is disposed, which restores the count the calling thread had before (for it and, as any
    /// <c>set_num_threads</c>, for threads that start torch work later). Dispose it on the thread that pinned: libtorch
    /// keeps the count per native thread. Pins on different threads that overlap each restore their own thread's
    /// count when they end; the count for threads started later is then the one restored last.
    /// </summary>
    /// <example><c>using var threads = TorchRuntime.PinThreads(1);</c> before a training that must run at one thread.</example>
    public static TorchThreadPin PinThreads(int threads)
    {
        CheckThreads(threads);
        Initialize();
        var previous = torch.get_num_threads();
        torch.set_num_threads(threads);
        return new TorchThreadPin(previous);
    }

    private static void CheckThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threads, MaxThreads);
    }

    /// <summary>
    /// The thread count <paramref name="setting"/> (the value of <see cref="ThreadsVariable"/>) asks for: the
    /// processor count when null or empty; throws <see cref="ArgumentException"/> naming the variable otherwise
    /// unless it is a positive integer.
    /// </summary>
    public static int ThreadCount(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return Environment.ProcessorCount;
        }

        if (!int.TryParse(setting.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var threads) || threads < 1)
        {
            throw new ArgumentException($"{ThreadsVariable}='{setting}' is not a positive integer thread count.");
        }

        return threads;
    }

    /// <summary>
    /// Seeds torch's global generator (and CUDA's, where present) from <paramref name="seed"/>, so the next
    /// parameter initialisations are a function of the seed alone.
    /// </summary>
    public static void ManualSeed(ulong seed)
    {
        Initialize();
        torch.manual_seed(TorchSeed(seed, TorchStream));
    }

    /// <summary>A torch generator for sub-stream <paramref name="stream"/> of <paramref name="seed"/>, on <paramref name="device"/>.</summary>
    public static torch.Generator CreateGenerator(ulong seed, ulong stream, torch.Device device)
    {
        Initialize();
        return new torch.Generator((ulong)TorchSeed(seed, stream), device);
    }

    /// <summary>A non-negative 63-bit torch seed derived from our seed and a sub-stream.</summary>
    public static long TorchSeed(ulong seed, ulong stream) => (long)(Xoshiro256.Derive(seed, stream) >> 1);
}
