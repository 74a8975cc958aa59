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
}
