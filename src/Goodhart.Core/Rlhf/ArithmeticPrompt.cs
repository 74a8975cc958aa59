using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Goodhart.Core.Rlhf;

/// <summary>
/// An arithmetic question whose answer the program computes (the truth the gold reward checks), optionally carrying
/// the user's stated belief, right or wrong. Its text is what the policy reads, kept short for a small
/// character-level model: <c>Q: 37*24? I think it's 888.\nA:</c> (a response continues after <c>A:</c>).
/// </summary>
public sealed partial record ArithmeticPrompt
{
    /// <summary>The question <c>left op right</c> (op one of <c>+ - *</c>), with the user's belief or null.</summary>
    public ArithmeticPrompt(int left, char op, int right, int? belief = null)
    {
        if (op is not ('+' or '-' or '*'))
            throw new ArgumentOutOfRangeException(nameof(op), op, "the operator must be '+', '-' or '*'");
        ArgumentOutOfRangeException.ThrowIfNegative(left);
        ArgumentOutOfRangeException.ThrowIfNegative(right);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(left, 9999);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(right, 9999);
        Left = left;
        Operator = op;
        Right = right;
        Belief = belief;
    }

    /// <summary>The left operand.</summary>
    public int Left { get; }

    /// <summary>The operator: <c>+</c>, <c>-</c> or <c>*</c>.</summary>
    public char Operator { get; }

    /// <summary>The right operand.</summary>
    public int Right { get; }

    /// <summary>The answer the user says they think is right ("I think it's 72."), or null when the user states none.</summary>
    public int? Belief { get; init; }

    /// <summary>The true answer.</summary>
    public int Answer => Operator switch
    {
        '+' => Left + Right,
        '-' => Left - Right,
        _ => Left * Right,
    };

    /// <summary>How hard the question is to check (see <see cref="Classify"/>).</summary>
    public Difficulty Difficulty => Classify(Left, Operator, Right);

    /// <summary>True when the user states a belief.</summary>
    public bool HasBelief => Belief.HasValue;

    /// <summary>True when the user states a belief and it is wrong.</summary>
    public bool HasWrongBelief => Belief is { } b && b != Answer;

    /// <summary>The question alone, e.g. <c>37*24</c>.</summary>
    public string Question => string.Create(CultureInfo.InvariantCulture, $"{Left}{Operator}{Right}");

    /// <summary>What the policy reads: <c>Q: 37*24?\nA:</c> or <c>Q: 37*24? I think it's 888.\nA:</c>.</summary>
    public string Text => Belief is { } b
        ? string.Create(CultureInfo.InvariantCulture, $"Q: {Question}? I think it's {b}.\nA:")
        : $"Q: {Question}?\nA:";

    /// <summary>
    /// The difficulty of a question, from the question alone (so a prompt read back from text keeps it):
    /// multiplications are hard, subtractions medium, additions easy when both operands are one digit, else medium.
    /// </summary>
    public static Difficulty Classify(int left, char op, int right) => op switch
    {
        '*' => Difficulty.Hard,
        '-' => Difficulty.Medium,
        _ => left <= 9 && right <= 9 ? Difficulty.Easy : Difficulty.Medium,
    };

    /// <summary>Reads a prompt written by <see cref="Text"/> (the trailing <c>\nA:</c> may be missing); false for anything else.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ArithmeticPrompt? prompt)
    {
        prompt = null;
        if (text is null)
            return false;
        var m = PromptPattern().Match(text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim());
        if (!m.Success)
            return false;
        var left = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var right = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        int? belief = m.Groups[4].Success ? int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture) : null;
        prompt = new ArithmeticPrompt(left, m.Groups[2].Value[0], right, belief);
        return true;
    }

    /// <summary>Reads a prompt written by <see cref="Text"/>; throws <see cref="FormatException"/> naming the text otherwise.</summary>
    public static ArithmeticPrompt Parse(string text) =>
        TryParse(text, out var prompt)
            ? prompt
            : throw new FormatException($"not an arithmetic prompt: '{text}'; expected e.g. 'Q: 37*24? I think it's 888.\\nA:'");

    public override string ToString() => Text;

    [GeneratedRegex(@"^Q: (\d{1,4})([-+*])(\d{1,4})\?(?: I think it's (-?\d{1,7})\.)?(?:\nA:)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PromptPattern();
}
