using System.Globalization;
using System.Net;
using System.Text;
using Goodhart.Learning.Interpretability.Sae;

namespace Goodhart.Experiments.Interpretability;

/// <summary>
/// A sparse autoencoder's feature dashboard as one self-contained HTML page (after Neuronpedia): per feature its firing
/// frequency and mean activation, its top-activating contexts with the token read highlighted and the activation
/// shown, and the tokens its decoder direction promotes and suppresses through the unembedding.
/// </summary>
public static class SaeDashboardHtml
{
    /// <summary>
    /// The page for <paramref name="features"/> of the autoencoder described by <paramref name="title"/>; a feature with
    /// an entry in <paramref name="names"/> shows that name in its heading.
    /// </summary>
    public static string Build(string title, string description, IReadOnlyList<SaeFeatureSummary> features, IReadOnlyDictionary<int, string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Encode(title)).Append("</title><style>")
            .Append("body{font-family:sans-serif;margin:2em;max-width:70em}section{border-top:1px solid #ccc;padding:.5em 0}")
            .Append(".ctx{font-family:monospace;white-space:pre}mark{background:#fdd49e}td,th{padding:2px 8px;text-align:left}")
            .Append(".tok{font-family:monospace;background:#eee;padding:0 3px;margin-right:4px}</style></head><body>")
            .Append("<h1>").Append(Encode(title)).Append("</h1><p>").Append(Encode(description)).Append("</p>");
        foreach (var f in features)
        {
            html.Append(CultureInfo.InvariantCulture, $"<section id=\"f{f.Feature}\"><h2>Feature {f.Feature}{(names is not null && names.TryGetValue(f.Feature, out var name) ? ": " + Encode(name) : string.Empty)}</h2><p>fires on {f.Frequency:P2} of tokens; mean activation where it fires {f.MeanActivation:0.###}</p>");
            html.Append("<table><tr><th>activation</th><th>context (the token read is marked)</th></tr>");
            foreach (var c in f.TopContexts)
            {
                var token = c.Position == 0 ? "<bos>" : c.Text[c.Position - 1].ToString();
                var before = c.Position == 0 ? string.Empty : c.Before()[..^1];
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{c.Activation:0.###}</td><td class=\"ctx\">{Visible(before)}<mark>{Visible(token)}</mark>{Visible(c.After())}</td></tr>");
            }
            html.Append("</table><p>promotes ");
            foreach (var (t, e) in f.Promoted)
                html.Append(CultureInfo.InvariantCulture, $"<span class=\"tok\" title=\"{e:0.###}\">{Visible(t)}</span>");
            html.Append("<br>suppresses ");
            foreach (var (t, e) in f.Suppressed)
                html.Append(CultureInfo.InvariantCulture, $"<span class=\"tok\" title=\"{e:0.###}\">{Visible(t)}</span>");
            html.Append("</p></section>");
        }
        return html.Append("</body></html>").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Visible(string text) => Encode(text.Replace("\n", "\u23CE", StringComparison.Ordinal)).Replace(" ", "\u00B7", StringComparison.Ordinal);
}
