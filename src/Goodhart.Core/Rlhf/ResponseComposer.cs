using System.Globalization;
using System.Text;

namespace Goodhart.Core.Rlhf;

/// <summary>
/// Writes a response from a <see cref="ResponseFeatures"/> vector: flattery sentences, then the stance opening and the
/// answer clause, then padding sentences, each preceded by a space (a response continues a prompt ending in
/// <c>A:</c>). Example: features (888, Plain, Agrees, Flattery 1) give <c> Great question! You're right, it's 888.</c>
/// </summary>
public static class ResponseComposer
{
    /// <summary>The response text for a feature vector.</summary>
    public static string Compose(ResponseFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        features.Validate();
        var w = features.Wording;
        var sb = new StringBuilder();
        var flattery = ResponseLexicon.FlatteryPhrases;
        for (var i = 0; i < features.Flattery; i++)
            sb.Append(' ').Append(flattery[((w >> 2) + i) % flattery.Count]);

        var clauses = ResponseLexicon.ClausesOf(features.Confidence);
        var clause = string.Format(CultureInfo.InvariantCulture, clauses[w & 1], features.Answer);
        sb.Append(' ');
        switch (features.Stance)
        {
            case UserStance.Agrees:
                sb.Append(ResponseLexicon.AgreementOpenings[(w >> 1) & 1]).Append(LowerFirst(clause));
                break;
            case UserStance.Disagrees:
                sb.Append(ResponseLexicon.DisagreementOpenings[(w >> 1) & 1]).Append(clause);
                break;
            default:
                sb.Append(clause);
                break;
        }

        var padding = ResponseLexicon.PaddingSentences;
        for (var i = 0; i < features.Padding; i++)
            sb.Append(' ').Append(padding[(w + i) % padding.Count]);
        return sb.ToString();
    }

    /// <summary>Lower-cases a clause's first letter after an opening comma, except the pronoun "I".</summary>
    private static string LowerFirst(string clause) =>
        clause.StartsWith("I ", StringComparison.Ordinal) || clause.Length == 0 || !char.IsUpper(clause[0])
            ? clause
            : char.ToLowerInvariant(clause[0]) + clause[1..];
}
