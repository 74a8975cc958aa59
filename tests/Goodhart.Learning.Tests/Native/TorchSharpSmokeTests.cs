using TorchSharp;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Native;

public class TorchSharpSmokeTests
{
    [Fact]
    public void Matmul_and_autograd_work_in_the_test_process()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 1, 2, 3, 4 }, [2, 2], device: TorchDevice.Default).requires_grad_();
        var b = tensor(new float[] { 5, 6, 7, 8 }, [2, 2], device: TorchDevice.Default);

        var product = a.matmul(b);
        product.sum().backward();

        Assert.Equal(new float[] { 19, 22, 43, 50 }, product.cpu().data<float>().ToArray());
        // d(sum(A B))/dA[i,k] = sum_j B[k,j]: rows of B summed.
        Assert.Equal(new float[] { 11, 15, 11, 15 }, a.grad!.cpu().data<float>().ToArray());
    }
}
