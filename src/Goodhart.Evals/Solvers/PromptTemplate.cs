using System.Text;
using System.Text.RegularExpressions;
using Goodhart.Evals.Harness;

namespace Goodhart.Evals.Solvers;

/// <summary>
/// Fills <c>{name}</c> placeholders in a template: named values first (e.g. <c>prompt</c>, <c>completion</c>), then the
/// sample's metadata; <c>{{</c> and <c>}}</c> are literal braces. A placeholder with no value is an error naming it
/// and the sample, never left in the text silently.
/// </summary>
public static partial class PromptTemplate
{
    /// <summary>Fills <paramref name="template"/> from <paramref name="values"/>, then <paramref name="sample"/>'s metadata.</summary>
    public static string Fill(string template, EvalSample sample, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(values);
        var result = new StringBuilder(template.Length + 64);
        var last = 0;
        foreach (Match m in Placeholder().Matches(template))
        {
            result.Append(template, last, m.Index - last);
            last = m.Index + m.Length;
            if (m.Value == "{{")
                result.Append('{');
            else if (m.Value == "}}")
                result.Append('}');
            else
            {
                var name = m.Groups[1].Value;
                if (values.TryGetValue(name, out var value) || sample.Metadata.TryGetValue(name, out value))
                    result.Append(value);
                else
                    throw new InvalidOperationException($"template placeholder {{{name}}} has no value for sample '{sample.Id}' (known: {string.Join(", ", values.Keys.Concat(sample.Metadata.Keys))})");
            }
        }
        result.Append(template, last, template.Length - last);
        return result.ToString();
    }

    [GeneratedRegex(@"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
