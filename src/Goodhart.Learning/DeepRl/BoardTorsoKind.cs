namespace Goodhart.Learning.DeepRl;

/// <summary>Which network reads the one-hot board planes before the heads.</summary>
public enum BoardTorsoKind
{
    /// <summary>Flattened planes through two fully connected tanh layers (CleanRL's PPO network for small inputs).</summary>
    Mlp,

    /// <summary>Two 3x3 same-padding convolutions with ReLU, then a fully connected ReLU layer.</summary>
    Cnn,
}
