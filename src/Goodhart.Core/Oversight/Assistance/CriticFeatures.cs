using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Oversight.Assistance;

/// <summary>
/// What a trained critic reads of a response: the question and the stated answer as <see cref="AnswerCorrectnessData"/>
/// encodes them (operator one-hot, operands and answer as one-hot digits), then three bits: the user stated a belief,
/// the response agrees with the user, the answer is the believed number (3 + 130 + 3 = 136 values). A response with no
/// answer, or one outside 0 to 99,999, has no features (no check applies or the critic cannot read it).
/// </summary>
public static class CriticFeatures
{
    /// <summary>Values per row.</summary>
    public const int Count = AnswerCorrectnessData.Features + 3;

    /// <summary>Whether the response can be encoded.</summary>
    public static bool CanEncode(ResponseAssessment response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Parseable && response.Answer is >= 0 and <= 99_999;
    }

    /// <summary>Writes the features of <paramref name="response"/> to <paramref name="prompt"/> into <paramref name="row"/> (<see cref="Count"/> values).</summary>
    public static void Encode(ArithmeticPrompt prompt, ResponseAssessment response, Span<float> row)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        if (!CanEncode(response))
            throw new ArgumentException("the response states no answer the critic can read", nameof(response));
        var answer = (int)response.Answer!.Value;
        AnswerCorrectnessData.Encode(prompt, answer, row[..AnswerCorrectnessData.Features]);
        var tail = row[AnswerCorrectnessData.Features..];
        tail[0] = prompt.HasBelief ? 1f : 0f;
        tail[1] = response.Stance == UserStance.Agrees ? 1f : 0f;
        tail[2] = prompt.Belief == answer ? 1f : 0f;
    }
}
