namespace Goodhart.Experiments.Oversight.Assistance;

/// <summary>What help a rater gets when labelling a pair.</summary>
public enum RaterAssistance
{
    /// <summary>None: the rater labels as its profile says.</summary>
    None,

    /// <summary>A trained critic's claim about each response (<c>RATER+critique</c>).</summary>
    Critique,

    /// <summary>A debate between the two responses' advocates (<c>RATER+debate</c>).</summary>
    Debate,
}
