using BenchmarkDotNet.Attributes;
using Goodhart.Learning;
using Goodhart.Learning.Generation;
using Goodhart.Learning.Models;
using Goodhart.Learning.Training;
using TorchSharp;

namespace Goodhart.Benchmarks;

/// <summary>
/// Tokens per second of the GPT-style policy (Goodhart.Learning) on the CPU: one supervised training step (forward,
/// masked cross-entropy, backward, gradient clipping, AdamW) on 64 rows of 64 tokens, and batched sampling of 64 new
/// tokens for each of 64 prompts with the KV cache. An operation is one token (4,096 per invocation in both).
/// <c>benchmarks/pytorch/gpt_bench.py</c> measures the same model and operations in PyTorch eager for comparison
/// (docs/learning-benchmarks.md).
/// </summary>
public class LanguageModelThroughput
{
    /// <summary>Rows of a training batch, and sequences sampled at once.</summary>
    public const int Batch = 64;

    /// <summary>Tokens per training row, and new tokens sampled per sequence.</summary>
    public const int Tokens = 64;

    /// <summary>Prompt tokens per sampled sequence (bos not counted); the prompt pass is part of the timing.</summary>
    public const int PromptTokens = 15;

    private CausalLanguageModel _model = null!;
    private SupervisedTrainer _trainer = null!;
    private int[][] _emptyPrompts = null!;
    private int[][] _continuations = null!;
    private int[][] _prompts = null!;
    private SamplingOptions _sampling = null!;
    private torch.Generator _generator = null!;

    /// <summary>The model's shape: <c>d64-l2</c> (the defaults) or <c>d128-l4</c>.</summary>
    [Params("d64-l2", "d128-l4")]
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
        // A constant learning rate well past warm-up, as in most of a run; the rest are SupervisedOptions' defaults.
        _trainer = new SupervisedTrainer(_model, new SupervisedOptions { Steps = int.MaxValue, WarmupSteps = 0, Schedule = LearningRateSchedule.Constant });
        var rng = new Random(7);
        // Empty prompts and 64-token continuations: inputs and targets are 64 wide and every target counts in the loss.
        _emptyPrompts = Enumerable.Range(0, Batch).Select(_ => Array.Empty<int>()).ToArray();
        _continuations = Enumerable.Range(0, Batch).Select(_ => RandomTokens(rng, Tokens, options.VocabSize)).ToArray();
        _prompts = Enumerable.Range(0, Batch).Select(_ => RandomTokens(rng, PromptTokens, options.VocabSize)).ToArray();
        _sampling = new SamplingOptions { MaxNewTokens = Tokens, StopAtEos = false };
        _generator = TorchRuntime.CreateGenerator(3, 0, torch.CPU);
        Console.WriteLine($"// {Model}: {_model.ParameterCount} parameters, {torch.get_num_threads()} torch threads");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _trainer.Dispose();
        _model.Dispose();
        _generator.Dispose();
    }

    /// <summary>One optimizer step on 64 x 64 tokens.</summary>
    [Benchmark(OperationsPerInvoke = Batch * Tokens)]
    public double TrainingStep() => _trainer.TrainStep(_emptyPrompts, _continuations);

    /// <summary>64 new tokens for each of 64 prompts, temperature 1, with the KV cache.</summary>
    [Benchmark(OperationsPerInvoke = Batch * Tokens)]
    public int SamplingWithKvCache()
    {
        var generated = Sampler.Generate(_model, _prompts, _sampling, _generator);
        return generated.Sum(g => g.Length);
    }

    private static int[] RandomTokens(Random rng, int count, int vocab)
    {
        // Ordinary tokens only: ids 0-2 are the tokenizer's specials (pad, bos, eos).
        var tokens = new int[count];
        for (var i = 0; i < count; i++)
        {
            tokens[i] = rng.Next(3, vocab);
        }

        return tokens;
    }
}
