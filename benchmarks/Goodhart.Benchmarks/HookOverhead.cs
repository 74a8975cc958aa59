using BenchmarkDotNet.Attributes;
using Goodhart.Learning.Interpretability;
using Goodhart.Learning.Models;
using TorchSharp;

namespace Goodhart.Benchmarks;

/// <summary>
/// What activation access costs (Goodhart.Learning.Interpretability): one inference forward pass of the policy on 64
/// rows of 64 tokens, plain (the baseline), with an empty set of hooks attached (the dispatch alone), caching the
/// residual stream (<c>hook_resid_*</c>), and caching every hook point. Caching records references, not copies, so
/// the goal is under 10% over the plain pass (docs/interpretability.md).
/// </summary>
[MemoryDiagnoser]
public class HookOverhead
{
    /// <summary>Rows of the batch.</summary>
    public const int Batch = 64;

    /// <summary>Tokens per row.</summary>
    public const int Tokens = 64;

    private CausalLanguageModel _model = null!;
    private torch.Tensor _tokens = null!;

    /// <summary>The model's shape: <c>d64-l2</c> (the defaults); <c>d128-l4</c> is also known.</summary>
    [Params("d64-l2")]
    public string Model { get; set; } = "d64-l2";

    [GlobalSetup]
    public void Setup()
    {
        var options = Model switch
        {
            "d64-l2" => new TransformerOptions(),
            "d128-l4" => new TransformerOptions { EmbeddingDim = 128, Layers = 4, Heads = 4 },
            _ => throw new ArgumentException($"Unknown model shape '{Model}'."),
        };
        _model = CausalLanguageModel.Create(options, seed: 1, device: torch.CPU);
        _model.eval();
        using var generator = new torch.Generator(5);
        _tokens = torch.randint(3, options.VocabSize, [Batch, Tokens], dtype: torch.ScalarType.Int64, generator: generator);
        Console.WriteLine($"// {Model}: {_model.ParameterCount} parameters, {torch.get_num_threads()} torch threads");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _tokens.Dispose();
        _model.Dispose();
    }

    /// <summary>The plain forward pass.</summary>
    [Benchmark(Baseline = true)]
    public long Plain()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return _model.forward(_tokens).shape[2];
    }

    /// <summary>The forward pass with an empty set of hooks attached.</summary>
    [Benchmark]
    public long EmptyHooks()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return _model.RunWithHooks(_tokens, new ActivationHooks()).shape[2];
    }

    /// <summary>The forward pass caching the residual stream before, between and after every block.</summary>
    [Benchmark]
    public long CacheResidualStream()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var (logits, cache) = _model.RunWithCache(_tokens, where: point => point.Contains("hook_resid", StringComparison.Ordinal));
        using (cache)
        {
            return logits.shape[2] + cache.Points.Count;
        }
    }

    /// <summary>The forward pass caching every hook point.</summary>
    [Benchmark]
    public long CacheEverything()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var (logits, cache) = _model.RunWithCache(_tokens);
        using (cache)
        {
            return logits.shape[2] + cache.Points.Count;
        }
    }
}
