using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Goodhart.Learning.DeepRl;

/// <summary>The MLP torso: the flattened one-hot planes through two fully connected tanh layers of <see cref="BoardNetworkOptions.Hidden"/> units.</summary>
public sealed class BoardMlp : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // PyTorch names, so state-dict keys match a PyTorch port
    private readonly Linear fc1;
    private readonly Linear fc2;
#pragma warning restore IDE1006

    /// <summary>An MLP over boards of <paramref name="shape"/>.</summary>
    public BoardMlp(BoardShape shape, BoardNetworkOptions options) : base(nameof(BoardMlp))
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(options);
        fc1 = Linear(shape.Length, options.Hidden);
        fc2 = Linear(options.Hidden, options.Hidden);
        RegisterComponents();
        BoardTorso.Orthogonal(fc1, Math.Sqrt(2));
        BoardTorso.Orthogonal(fc2, Math.Sqrt(2));
    }

    /// <summary>Features [batch, hidden] of boards [batch, planes, height, width].</summary>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        return tanh(fc2.forward(tanh(fc1.forward(input.flatten(1))))).MoveToOuterDisposeScope();
    }
}
