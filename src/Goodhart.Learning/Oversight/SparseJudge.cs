using Goodhart.Core.Oversight;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;
using static TorchSharp.torch;

namespace Goodhart.Learning.Oversight;

/// <summary>
/// The sparse judge of Irving et al. 2018 as a small multilayer perceptron (theirs was a convolutional net): it reads
/// an image through a mask, as two planes of <see cref="PixelCount"/> values, the revealed pixels' values (hidden
/// pixels 0) and the mask itself (1 where revealed), so a revealed black pixel differs from an unrevealed one.
/// Layers <c>fc1</c> (2P to H), ReLU, <c>fc2</c> (H to H), ReLU, <c>fc3</c> (H to classes). Trained by
/// <see cref="SparseJudgeTrainer"/> on k random pixels. <see cref="LogitsAfter"/> scores every candidate reveal at
/// once by adding each candidate's two columns of <c>fc1</c> to the current pre-activation (exact, and what makes the
/// debaters' search affordable on a CPU).
/// </summary>
public sealed class SparseJudge : Module<Tensor, Tensor>, ISparseJudge
{
#pragma warning disable IDE1006 // PyTorch names, so state-dict keys match PyTorch's
    private readonly Linear fc1;
    private readonly Linear fc2;
    private readonly Linear fc3;
#pragma warning restore IDE1006

    /// <summary>A judge with fresh parameters drawn from <paramref name="seed"/>.</summary>
    public SparseJudge(int pixelCount, int hidden, int classes, ulong seed) : base(nameof(SparseJudge))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pixelCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hidden);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        PixelCount = pixelCount;
        Classes = classes;
        lock (TorchRuntime.GlobalGeneratorLock)
        {
            TorchRuntime.ManualSeed(seed);
            fc1 = nn.Linear(2 * pixelCount, hidden);
            fc2 = nn.Linear(hidden, hidden);
            fc3 = nn.Linear(hidden, classes);
        }
        RegisterComponents();
    }

    /// <summary>Pixels per image.</summary>
    public int PixelCount { get; }

    /// <inheritdoc />
    public int Classes { get; }

    /// <summary>Class scores for a batch of masked inputs [B, 2P] (<see cref="WriteInput"/>).</summary>
    public override Tensor forward(Tensor input)
    {
        using var h1 = fc1.forward(input);
        return Head(h1);
    }

    /// <summary>Writes the judge's input for <paramref name="image"/> with <paramref name="revealed"/> shown into <paramref name="row"/> (length 2P).</summary>
    public static void WriteInput(ReadOnlySpan<float> image, IReadOnlyList<int> revealed, Span<float> row)
    {
        row.Clear();
        var p = image.Length;
        foreach (var pixel in revealed)
        {
            row[pixel] = image[pixel];
            row[p + pixel] = 1f;
        }
    }

    /// <inheritdoc />
    public float[] Logits(float[] image, IReadOnlyList<int> revealed)
    {
        CheckImage(image);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var row = new float[2 * PixelCount];
        WriteInput(image, revealed, row);
        using var input = tensor(row, [1, 2L * PixelCount]);
        return forward(input).data<float>().ToArray();
    }

    /// <inheritdoc />
    public float[][] LogitsAfter(float[] image, IReadOnlyList<int> revealed, IReadOnlyList<int> candidates)
    {
        CheckImage(image);
        if (candidates.Count == 0)
            return [];
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var row = new float[2 * PixelCount];
        WriteInput(image, revealed, row);
        var input = tensor(row, [1, 2L * PixelCount]);
        var z0 = fc1.forward(input);
        var index = tensor(candidates.Select(c => (long)c).ToArray());
        var weight = fc1.weight!;
        var valueColumns = weight.narrow(1, 0, PixelCount).t().index_select(0, index);
        var maskColumns = weight.narrow(1, PixelCount, PixelCount).t().index_select(0, index);
        var values = tensor(candidates.Select(c => image[c]).ToArray()).unsqueeze(1);
        var z = z0.Plus(valueColumns.mul(values)).Plus(maskColumns);
        var flat = Head(z).data<float>().ToArray();
        var rows = new float[candidates.Count][];
        for (var i = 0; i < rows.Length; i++)
            rows[i] = flat.AsSpan(i * Classes, Classes).ToArray();
        return rows;
    }

    private Tensor Head(Tensor preActivation)
    {
        using var a1 = nn.functional.relu(preActivation);
        using var h2 = fc2.forward(a1);
        using var a2 = nn.functional.relu(h2);
        return fc3.forward(a2);
    }

    private void CheckImage(float[] image)
    {
        if (image.Length != PixelCount)
            throw new ArgumentException($"the image has {image.Length} pixels; the judge reads {PixelCount}", nameof(image));
    }
}
