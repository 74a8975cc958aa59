using TorchSharp;

namespace Goodhart.Learning.Tests;

public class TorchDeviceTests
{
    [Fact]
    public void Without_an_override_cuda_is_chosen_exactly_when_available()
    {
        var expected = torch.cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU;

        Assert.Equal(expected, TorchDevice.Resolve(null).type);
        Assert.Equal(expected, TorchDevice.Resolve("").type);
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData(" CPU ")]
    public void The_cpu_override_picks_the_cpu(string value)
    {
        Assert.Equal(DeviceType.CPU, TorchDevice.Resolve(value).type);
    }

    [Fact]
    public void An_unknown_override_is_refused_with_the_variable_name()
    {
        var error = Assert.Throws<ArgumentException>(() => TorchDevice.Resolve("gpu"));

        Assert.Contains(TorchDevice.EnvironmentVariable, error.Message);
    }

    [Fact]
    public void The_cuda_override_fails_clearly_without_a_gpu()
    {
        if (torch.cuda.is_available())
        {
            Assert.Equal(DeviceType.CUDA, TorchDevice.Resolve("cuda").type);
            return;
        }

        var error = Assert.Throws<InvalidOperationException>(() => TorchDevice.Resolve("cuda"));
        Assert.Contains("no CUDA device", error.Message);
    }

    [Fact]
    public void Torch_uses_the_thread_count_the_environment_asks_for_else_one_per_processor()
    {
        TorchRuntime.Initialize();

        // One per processor, unless GOODHART_TORCH_THREADS is set (as on a shared machine). What torch uses now may
        // differ: other tests in this process train deep RL agents, which pin one thread process-wide.
        Assert.Equal(TorchRuntime.ThreadCount(Environment.GetEnvironmentVariable(TorchRuntime.ThreadsVariable)), TorchRuntime.InitialThreads);
    }
}
