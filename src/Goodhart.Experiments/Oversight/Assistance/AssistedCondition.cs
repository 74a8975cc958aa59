using Goodhart.Core;
using Goodhart.Core.Rlhf;
using Goodhart.Experiments.Rlhf;

namespace Goodhart.Experiments.Oversight.Assistance;

/// <summary>
/// One rater condition of the <c>assisted-raters</c> kind, by its recipe name: a rater (a shipped profile's name or a
/// .rater path) alone (<c>typical</c>), with a critic (<c>typical+critique</c>) or judging a debate (<c>typical+debate</c>).
/// </summary>
/// <param name="Name">The name as the recipe writes it (the condition's id in values and runs).</param>
/// <param name="Rater">The rater's profile.</param>
/// <param name="Assistance">The help it gets.</param>
public sealed record AssistedCondition(string Name, RaterProfile Rater, RaterAssistance Assistance)
{
    /// <summary>Reads <c>RATER</c>, <c>RATER+critique</c> or <c>RATER+debate</c>; a <see cref="UserInputException"/> naming the field otherwise.</summary>
    public static AssistedCondition Parse(string name, string field)
    {
        ArgumentNullException.ThrowIfNull(name);
        var plus = name.IndexOf('+', StringComparison.Ordinal);
        var (rater, help) = plus < 0 ? (name, "") : (name[..plus], name[(plus + 1)..]);
        var assistance = help switch
        {
            "" => RaterAssistance.None,
            "critique" => RaterAssistance.Critique,
            "debate" => RaterAssistance.Debate,
            _ => throw new UserInputException($"{field}: '{name}': unknown assistance '{help}' (write RATER, RATER+critique or RATER+debate)"),
        };
        try
        {
            return new AssistedCondition(name, RlhfRaters.Get(rater), assistance);
        }
        catch (UnknownNameException e)
        {
            throw new UserInputException($"{field}: '{name}': {e.Message}", e);
        }
    }
}
