using System.Globalization;
using BenchmarkDotNet.Attributes;
using Goodhart.Learning;
using Goodhart.Learning.Models;
using Goodhart.Learning.Rlhf;
using TorchSharp;

namespace Goodhart.Benchmarks;

/// <summary>
/// Tokens per second of one PPO iteration of the library's <see cref="PpoTrainer"/> on the CPU with the default
/// policy shape (d64-l2) and <see cref="PpoOptions"/>' defaults: a rollout of up to 64 tokens for each of 64 prompts
/// (KV-cache sampling, stopping at eos), log-probabilities of the policy and the frozen reference, the value model's
/// values, <see cref="PpoRollout"/> (KL-penalised rewards, GAE), then 4 epochs of 2 minibatches of the clipped
/// surrogate plus the clipped value loss, backward, gradient clipping and AdamW. An operation is one rollout token
/// slot (64 x 64 = 4,096 per invocation); the mean response length actually sampled is printed at the end, since an
/// untrained policy sometimes samples eos early.
/// </summary>
public class PpoThroughput
{
    /// <summary>Prompts per iteration (<see cref="PpoOptions.BatchSize"/>'s default).</summary>
    public const int Batch = 64;

    /// <summary>Most new tokens per response (<see cref="PpoOptions.MaxNewTokens"/>'s default).</summary>
    public const int Tokens = 64;

    private CausalLanguageModel _policy = null!;
    private CausalLanguageModel _reference = null!;
    private ScalarHeadModel _valueModel = null!;
    private PpoTrainer _trainer = null!;
    private string[] _prompts = null!;
    private double _lengthSum;
    private int _iterations;

    [GlobalSetup]
    public void Setup()
    {
        _policy = CausalLanguageModel.Create(new TransformerOptions(), seed: 1, device: torch.CPU);
        _reference = PolicyCopies.FrozenReference(_policy);
        _valueModel = ScalarHeadModel.FromPolicy(_policy, seed: 2);
        // A cheap score (response length), so the figure is the PPO machinery's and not a reward model's.
        var scorer = new DelegateRewardScorer("length", (_, response) => response.Length / (double)Tokens);
        _trainer = new PpoTrainer(_policy, _reference, _valueModel, scorer, new PpoOptions { Steps = int.MaxValue });
        var rng = new Random(7);
        _prompts = Enumerable.Range(0, Batch)
            .Select(_ => new string(Enumerable.Range(0, 15).Select(_ => (char)rng.Next('a', 'z' + 1)).ToArray()))
            .ToArray();
        Console.WriteLine($"// PPO d64-l2: {_policy.ParameterCount} policy parameters, {torch.get_num_threads()} torch threads");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var mean = _iterations == 0 ? 0 : _lengthSum / _iterations;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// PPO mean response length over {_iterations} iterations: {mean:F1} tokens"));
        _trainer.Dispose();
        _valueModel.Dispose();
        _reference.Dispose();
        _policy.Dispose();
    }

    /// <summary>One PPO iteration (rollout, scoring, advantages, 4 x 2 minibatch updates) on 64 prompts.</summary>
    [Benchmark(OperationsPerInvoke = Batch * Tokens)]
    public double PpoStep()
    {
        var statistics = _trainer.TrainStep(_prompts);
        _lengthSum += statistics.MeanLength;
        _iterations++;
        return statistics.PolicyLoss;
    }
}
