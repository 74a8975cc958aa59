using TorchSharp.Modules;
using static TorchSharp.torch.nn;
using static TorchSharp.torch;

namespace Goodhart.Learning.Oversight;

/// <summary>
/// A multilayer perceptron classifier: Linear and ReLU per hidden width, then a Linear to the classes (no hidden width:
/// logistic regression). The weak supervisors and strong students of the weak-to-strong experiments.
/// </summary>
public sealed class MlpClassifier : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // PyTorch names
    private readonly Sequential layers;
#pragma warning restore IDE1006

    /// <summary>A classifier with fresh parameters drawn from <paramref name="seed"/>.</summary>
    public MlpClassifier(int inputs, IReadOnlyList<int> hidden, int classes, ulong seed) : base(nameof(MlpClassifier))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        Inputs = inputs;
        Classes = classes;
        lock (TorchRuntime.GlobalGeneratorLock)
        {
            TorchRuntime.ManualSeed(seed);
            layers = nn.Sequential();
            var width = inputs;
            foreach (var h in hidden)
            {
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(h);
                layers.append(nn.Linear(width, h));
                layers.append(nn.ReLU());
                width = h;
            }
            layers.append(nn.Linear(width, classes));
        }
        RegisterComponents();
    }

    /// <summary>Features per example.</summary>
    public int Inputs { get; }

    /// <summary>The number of classes.</summary>
    public int Classes { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => layers.forward(input);

    /// <summary>Class probabilities of <paramref name="count"/> examples (row-major features), row-major [count, classes].</summary>
    public float[] Probabilities(float[] features, int count)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = tensor(features, [count, (long)Inputs]);
        return nn.functional.softmax(forward(input), 1).data<float>().ToArray();
    }

    /// <summary>The share of examples whose most probable class is the label.</summary>
    public double Accuracy(float[] features, IReadOnlyList<int> labels)
    {
        var probabilities = Probabilities(features, labels.Count);
        var correct = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            if (ArgMax(probabilities.AsSpan(i * Classes, Classes)) == labels[i])
                correct++;
        }
        return labels.Count == 0 ? double.NaN : (double)correct / labels.Count;
    }

    /// <summary>The index of the largest value (the first on ties).</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
                best = i;
        }
        return best;
    }
}
