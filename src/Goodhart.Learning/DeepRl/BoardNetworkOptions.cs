namespace Goodhart.Learning.DeepRl;

/// <summary>The board network every deep agent builds (<see cref="BoardTorso"/>): its kind and widths.</summary>
public sealed record BoardNetworkOptions
{
    /// <summary>The widest layer a user may ask for.</summary>
    public const int MaxWidth = 4096;

    /// <summary>The torso: <see cref="BoardTorsoKind.Mlp"/> (default; fastest on the small boards) or <see cref="BoardTorsoKind.Cnn"/>.</summary>
    public BoardTorsoKind Torso { get; init; } = BoardTorsoKind.Mlp;

    /// <summary>Width of the torso's fully connected layers, the features the heads read; default 64.</summary>
    public int Hidden { get; init; } = 64;

    /// <summary>Channels of the CNN's two convolutions; default 16.</summary>
    public int Channels { get; init; } = 16;

    /// <summary>Throws <see cref="Core.UserInputException"/> naming the field when a width is outside 1..<see cref="MaxWidth"/>.</summary>
    public void Validate()
    {
        if (Hidden is < 1 or > MaxWidth)
            throw new Core.UserInputException($"network hidden width must be between 1 and {MaxWidth}, got {Hidden}");
        if (Channels is < 1 or > MaxWidth)
            throw new Core.UserInputException($"network channels must be between 1 and {MaxWidth}, got {Channels}");
        if (!Enum.IsDefined(Torso))
            throw new Core.UserInputException($"network torso must be mlp or cnn, got {Torso}");
    }
}
