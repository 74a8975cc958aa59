using Goodhart.Core.Rlhf;

namespace Goodhart.Web.Rating;

/// <summary>
/// One comparison offered to the person: a prompt of the RLHF world and two responses to it, to be labelled with a
/// <see cref="RatingChoice"/> through <see cref="RatingSession.Submit"/> under its <see cref="Index"/>.
/// </summary>
/// <param name="Index">The pair's number in the session (0-based, in the order pairs are offered).</param>
/// <param name="Prompt">The world's prompt text, e.g. <c>Q: 37*24? I think it's 878.\nA:</c> (responses continue after <c>A:</c>).</param>
/// <param name="ResponseA">The first response, exactly as composed (it starts with a space, continuing the prompt).</param>
/// <param name="ResponseB">The second response.</param>
public sealed record RatingPair(int Index, string Prompt, string ResponseA, string ResponseB)
{
    /// <summary>What the user asks, without the prompt's frame: <c>37*24? I think it's 878.</c></summary>
    public string Question { get; init; } = "";

    /// <summary>How hard the question is to check (a two-digit multiplication is hard: few people check it at a glance).</summary>
    public Difficulty Difficulty { get; init; }
}
