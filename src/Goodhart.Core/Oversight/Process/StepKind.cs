namespace Goodhart.Core.Oversight.Process;

/// <summary>What a step of shown work does, which decides whether a weak rater can check it.</summary>
public enum StepKind
{
    /// <summary>Splits a factor into tens and units: <c>37*24 = 37*20+37*4</c> (checked by adding 20 and 4).</summary>
    Split,

    /// <summary>Works out small products term by term: <c>37*20+37*4 = 740+148</c> (each product has a one-digit factor, up to trailing zeros).</summary>
    Products,

    /// <summary>Adds plain numbers: <c>740+148 = 888</c>.</summary>
    Sum,

    /// <summary>Any other equation, e.g. <c>37*24 = 888</c>: too big a step for a weak rater to check.</summary>
    Jump,

    /// <summary>The stated answer after the work: it must be the work's result (or, with no work, the answer itself).</summary>
    Answer,
}
