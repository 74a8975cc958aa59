namespace Goodhart.Core.ValueLearning;

/// <summary>How the assistant in <see cref="AskOrActAssistant"/> plays.</summary>
public enum AssistantPolicy
{
    /// <summary>Never asks: goes to the goal that is better by its prior.</summary>
    Act,

    /// <summary>Always asks first.</summary>
    Ask,

    /// <summary>Asks exactly when the exact values say asking is worth more.</summary>
    Optimal,
}
