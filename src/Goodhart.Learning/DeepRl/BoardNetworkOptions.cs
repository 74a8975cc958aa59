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

    /// <summary>
    /// What the torso reads (<see cref="BoardObservation"/>): <see cref="BoardObservationKind.Board"/> (default, the
    /// board as it lies) or <see cref="BoardObservationKind.Egocentric"/> (the board shifted so the agent is at the
    /// centre of a (2H-1) x (2W-1) window, outside cells as wall).
    /// </summary>
    public BoardObservationKind Observation { get; init; } = BoardObservationKind.Board;

    /// <summary>Throws <see cref="Core.UserInputException"/> naming the field when a width is outside 1..<see cref="MaxWidth"/>.</summary>
    public void Validate()
    {
        if (Hidden is < 1 or > MaxWidth)
            throw new Core.UserInputException($"network hidden width must be between 1 and {MaxWidth}, got {Hidden}");
        if (Channels is < 1 or > MaxWidth)
            throw new Core.UserInputException($"network channels must be between 1 and {MaxWidth}, got {Channels}");
        if (!Enum.IsDefined(Torso))
            throw new Core.UserInputException($"network torso must be mlp or cnn, got {Torso}");
        if (!Enum.IsDefined(Observation))
            throw new Core.UserInputException($"network observation must be board or egocentric, got {Observation}");
    }
}
