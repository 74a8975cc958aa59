using System.Runtime.CompilerServices;
using Goodhart.Core.Randomness;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Goodhart.Learning.Training;

/// <summary>
/// The pieces of the training loop the four trainers (SFT, reward model, DPO, PPO) share, so each reads as its
/// algorithm only: AdamW from <see cref="OptimiserOptions"/> (weight decay on matrices only), the optimiser step
/// (clip, learning rate, an owned-Scalar AdamW step), the seeded data order (a Fisher-Yates permutation of a <see cref="Xoshiro256"/>
/// stream, so the order is a function of (seed, pass) alone) and the checkpoint cadence.
/// </summary>
internal static class TrainingLoop
{
    /// <summary>The owned-Scalar step of each optimizer <see cref="Step"/> has seen (it dies with the optimizer).</summary>
    private static readonly ConditionalWeakTable<AdamW, OwnedAdamStep> Steps = [];

    /// <summary>AdamW over the trainable <paramref name="parameters"/>: two groups, matrices with weight decay, vectors without.</summary>
    public static AdamW AdamW(IEnumerable<Parameter> parameters, OptimiserOptions options)
    {
        var all = parameters.Where(p => p.requires_grad).ToArray();
        var matrices = all.Where(p => p.dim() >= 2).ToArray();
        var vectors = all.Where(p => p.dim() < 2).ToArray();
        return optim.AdamW(
            [
                new AdamW.ParamGroup(matrices, options.LearningRate, options.Beta1, options.Beta2, options.Epsilon, options.WeightDecay),
                new AdamW.ParamGroup(vectors, options.LearningRate, options.Beta1, options.Beta2, options.Epsilon, 0.0),
            ],
            options.LearningRate,
            options.Beta1,
            options.Beta2,
            options.Epsilon);
    }

    /// <summary>
    /// The step after <c>backward</c>: clips the gradients of <paramref name="clipped"/> to the global norm of
    /// <paramref name="options"/> (unless 0), sets the learning rate when given, and steps the optimiser with
    /// <see cref="OwnedAdamStep"/> (never TorchSharp's <c>AdamW.step</c>, whose implicit Scalars the GC can free
    /// while libtorch reads them).
    /// </summary>
    public static void Step(AdamW optimizer, IEnumerable<Parameter> clipped, OptimiserOptions options, double? learningRate = null)
    {
        if (options.MaxGradNorm > 0)
        {
            nn.utils.clip_grad_norm_(clipped, options.MaxGradNorm);
        }

        if (learningRate is { } rate)
        {
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = rate;
            }
        }

        Steps.GetValue(optimizer, o => new OwnedAdamStep(o)).Step();
    }

    /// <summary>A permutation of 0..<paramref name="count"/>-1 drawn from the stream <paramref name="seed"/> (Fisher-Yates, last position first).</summary>
    public static int[] Permutation(int count, ulong seed)
    {
        var rng = new Xoshiro256(seed);
        return Permutation(count, ref rng);
    }

    /// <summary>A permutation of 0..<paramref name="count"/>-1 drawn from <paramref name="rng"/>, which it advances (Fisher-Yates, last position first).</summary>
    public static int[] Permutation(int count, ref Xoshiro256 rng)
    {
        var order = Enumerable.Range(0, count).ToArray();
        for (var i = count - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    /// <summary>Whether the trainer saves its checkpoint set after <paramref name="step"/> of <paramref name="last"/>: the last step always, else every <paramref name="every"/> steps (0: never).</summary>
    public static bool SavesAfter(int step, int last, int every) => step == last || (every > 0 && step % every == 0);
}
