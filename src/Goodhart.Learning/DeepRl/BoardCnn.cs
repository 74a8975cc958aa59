using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// The CNN torso: two 3x3 same-padding convolutions of <see cref="BoardNetworkOptions.Channels"/> channels with ReLU
/// (so a feature sees a 5x5 neighbourhood), flattened into a fully connected ReLU layer of
/// <see cref="BoardNetworkOptions.Hidden"/> units. The convolutions go through <see cref="BoardConvolution"/>: libtorch's
/// <c>conv2d</c> only for channel counts where its CPU implementation was checked right (the default 16 channels).
/// </summary>
public sealed class BoardCnn : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // PyTorch names, so state-dict keys match a PyTorch port
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly Linear fc;
#pragma warning restore IDE1006

    /// <summary>A CNN over boards of <paramref name="shape"/>.</summary>
    public BoardCnn(BoardShape shape, BoardNetworkOptions options) : base(nameof(BoardCnn))
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(options);
        conv1 = Conv2d(shape.Planes, options.Channels, kernel_size: 3, padding: 1);
        conv2 = Conv2d(options.Channels, options.Channels, kernel_size: 3, padding: 1);
        fc = Linear((long)options.Channels * shape.Height * shape.Width, options.Hidden);
        RegisterComponents();
        BoardTorso.Orthogonal(conv1, Math.Sqrt(2));
        BoardTorso.Orthogonal(conv2, Math.Sqrt(2));
        BoardTorso.Orthogonal(fc, Math.Sqrt(2));
    }

    /// <summary>Features [batch, hidden] of boards [batch, planes, height, width].</summary>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var x = functional.relu(BoardConvolution.Same(conv2, functional.relu(BoardConvolution.Same(conv1, input))));
        return functional.relu(fc.forward(x.flatten(1))).MoveToOuterDisposeScope();
    }
}
