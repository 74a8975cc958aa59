using System.Globalization;

namespace Goodhart.Core.Oversight.Process;

/// <summary>
/// One side of a step: a sum of products of whole numbers, e.g. <c>37*20+37*4</c> (terms joined by <c>+</c>, factors
/// by <c>*</c>, spaces ignored). Numbers have at most <see cref="MaxDigits"/> digits and an expression at most
/// <see cref="MaxTerms"/> terms of at most <see cref="MaxFactors"/> factors, so every value fits a long.
/// </summary>
/// <param name="Terms">The terms, each its factors.</param>
public sealed record WorkExpression(IReadOnlyList<IReadOnlyList<long>> Terms)
{
    /// <summary>Most digits of a number in shown work.</summary>
    public const int MaxDigits = 6;

    /// <summary>Most terms of one side.</summary>
    public const int MaxTerms = 8;

    /// <summary>Most factors of one term.</summary>
    public const int MaxFactors = 2;

    /// <summary>The value: the sum of the terms' products.</summary>
    public long Value => Terms.Sum(t => t.Aggregate(1L, (p, f) => p * f));

    /// <summary>A single plain number.</summary>
    public bool IsNumber => Terms.Count == 1 && Terms[0].Count == 1;

    /// <summary>Every term a plain number.</summary>
    public bool IsSumOfNumbers => Terms.All(t => t.Count == 1);

    /// <summary>
    /// Reads <paramref name="text"/>; on failure returns null with <paramref name="error"/> saying what was expected
    /// and <paramref name="position"/> where (0-based within the text). Never throws.
    /// </summary>
    public static WorkExpression? TryParse(string text, out int position, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new List<IReadOnlyList<long>>();
        var factors = new List<long>();
        var i = 0;
        error = null;
        position = 0;
        while (true)
        {
            while (i < text.Length && text[i] == ' ')
                i++;
            if (i >= text.Length || !char.IsAsciiDigit(text[i]))
            {
                (position, error) = (i, i >= text.Length ? "expected a number, found the end" : $"expected a number, found '{text[i]}'");
                return null;
            }
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
                i++;
            if (i - start > MaxDigits)
            {
                (position, error) = (start, $"a number of {i - start} digits (at most {MaxDigits})");
                return null;
            }
            factors.Add(long.Parse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture));
            while (i < text.Length && text[i] == ' ')
                i++;
            if (i >= text.Length || text[i] == '+')
            {
                if (factors.Count > MaxFactors)
                {
                    (position, error) = (start, $"a term of {factors.Count} factors (at most {MaxFactors})");
                    return null;
                }
                terms.Add(factors.ToArray());
                factors.Clear();
                if (terms.Count > MaxTerms)
                {
                    (position, error) = (start, $"more than {MaxTerms} terms");
                    return null;
                }
                if (i >= text.Length)
                    return new WorkExpression(terms);
                i++;
            }
            else if (text[i] == '*')
            {
                i++;
            }
            else
            {
                (position, error) = (i, $"expected '+', '*' or the end, found '{text[i]}'");
                return null;
            }
        }
    }

    /// <summary>The expression written back compactly: <c>37*20+37*4</c>.</summary>
    public override string ToString() =>
        string.Join("+", Terms.Select(t => string.Join("*", t.Select(f => f.ToString(CultureInfo.InvariantCulture)))));
}
