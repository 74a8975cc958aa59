using System.Diagnostics;
using Goodhart.Learning.Interpretability;
using Goodhart.Learning.Models;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Interpretability;

/// <summary>
/// What caching costs, measured so that a busy shared machine does not swamp it: plain and cached forward passes of
/// the default policy (64 x 64 tokens, one torch thread) alternate, and the process's CPU time (not wall time, which
/// waits for a core) is summed per variant. BenchmarkDotNet's <c>HookOverhead</c> measures the same in wall time on a
/// quiet machine.
/// </summary>
[Trait("Category", "Slow")]
public class HookOverheadTests(ITestOutputHelper output)
{
    private const int Rounds = 60;

    [Fact]
    public void Caching_the_residual_stream_costs_under_ten_percent_of_a_plain_forward_pass()
    {
        using var model = CausalLanguageModel.Create(new TransformerOptions(), seed: 1, device: CPU);
        model.eval();
        using var generator = new Generator(5);
        using var tokens = randint(3, model.Options.VocabSize, [64, 64], dtype: ScalarType.Int64, generator: generator);
        Func<long>[] variants =
        [
            () => Forward(() => model.forward(tokens)),
            () => Forward(() => model.RunWithHooks(tokens, new ActivationHooks())),
            () => Cached(model, tokens, point => point.Contains("hook_resid", StringComparison.Ordinal)),
            () => Cached(model, tokens, null),
        ];
        string[] names = ["plain", "empty hooks", "cache residual stream", "cache everything"];
        var cpu = new TimeSpan[variants.Length];
        for (var round = -5; round < Rounds; round++)
        {
            for (var v = 0; v < variants.Length; v++)
            {
                var before = Process.GetCurrentProcess().TotalProcessorTime;
                variants[v]();
                var spent = Process.GetCurrentProcess().TotalProcessorTime - before;
                if (round >= 0)
                {
                    cpu[v] += spent;
                }
            }
        }

        for (var v = 0; v < variants.Length; v++)
        {
            output.WriteLine($"{names[v]}: {cpu[v].TotalMilliseconds / Rounds:0.00} ms CPU a pass, {cpu[v] / cpu[0]:0.000} x plain");
        }

        Assert.True(cpu[2] / cpu[0] < 1.10, $"caching the residual stream cost {cpu[2] / cpu[0]:0.000} x a plain pass");
    }

    private static long Forward(Func<Tensor> forward)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return forward().shape[2];
    }

    private static long Cached(CausalLanguageModel model, Tensor tokens, Func<string, bool>? where)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (logits, cache) = model.RunWithCache(tokens, where: where);
        using (cache)
        {
            return logits.shape[2] + cache.Points.Count;
        }
    }
}
