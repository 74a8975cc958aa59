using TorchSharp;

namespace Goodhart.Learning.Tests;

public sealed class TorchRuntimeTests
{
    [Fact]
    public void Thread_count_defaults_to_the_processor_count()
    {
        Assert.Equal(Environment.ProcessorCount, TorchRuntime.ThreadCount(null));
        Assert.Equal(Environment.ProcessorCount, TorchRuntime.ThreadCount(" "));
    }

    [Fact]
    public void Thread_count_reads_a_positive_integer()
    {
        Assert.Equal(1, TorchRuntime.ThreadCount("1"));
        Assert.Equal(3, TorchRuntime.ThreadCount(" 3 "));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("two")]
    public void Thread_count_rejects_other_values_naming_the_variable(string setting)
    {
        var error = Assert.Throws<ArgumentException>(() => TorchRuntime.ThreadCount(setting));
        Assert.Contains(TorchRuntime.ThreadsVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Use_threads_pins_the_count_for_this_thread_and_for_threads_that_start_torch_work_later()
    {
        TorchRuntime.Initialize();
        var before = torch.get_num_threads();
        try
        {
            foreach (var threads in new[] { 1, 2, 1 })
            {
                TorchRuntime.UseThreads(threads);
                Assert.Equal(threads, torch.get_num_threads());
                var seen = 0;
                var fresh = new Thread(() => seen = torch.get_num_threads());
                fresh.Start();
                fresh.Join();
                Assert.Equal(threads, seen);
            }
        }
        finally
        {
            TorchRuntime.UseThreads(before);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(TorchRuntime.MaxThreads + 1)]
    public void Use_threads_refuses_a_count_out_of_range(int threads)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TorchRuntime.UseThreads(threads));
    }
}
