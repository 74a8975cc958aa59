using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using Goodhart.Core.Runs;

namespace Goodhart.Reports;

/// <summary>How reports write numbers and data into HTML: invariant culture, fixed decimals, everything encoded.</summary>
internal static class ReportFormat
{
    /// <summary>Shown where a value does not exist.</summary>
    public const string Missing = "\u2014";

    private static readonly JsonSerializerOptions IndentedJson = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>HTML-encodes text from data (also safe inside double- or single-quoted attributes).</summary>
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>A number with two decimals, or <see cref="Missing"/>.</summary>
    public static string Number(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("0.00", CultureInfo.InvariantCulture) : Missing;

    /// <summary>An integer in invariant culture.</summary>
    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An unsigned integer in invariant culture.</summary>
    public static string Integer(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// "mean ± SE" with two decimals; the mean alone when there is no standard error (a single value), or
    /// <see cref="Missing"/> when nothing was summarised.
    /// </summary>
    public static string MeanSe(SampleStats? stats) => stats is null ? Missing : MeanSe(stats.Mean, stats.Se);

    /// <summary>"mean ± SE" with two decimals; the mean alone without a standard error, <see cref="Missing"/> without a mean.</summary>
    public static string MeanSe(double? mean, double? se) =>
        mean is { } m && double.IsFinite(m)
            ? se is { } e && double.IsFinite(e) ? $"{Number(m)} \u00b1 {Number(e)}" : Number(m)
            : Missing;

    /// <summary>A share as "40% ± 5%" (whole percentages; the share alone without a standard error), or <see cref="Missing"/>.</summary>
    public static string PercentSe(SampleStats? share) =>
        share is null ? Missing : share.Se is { } se ? $"{Percent(share.Mean)} \u00b1 {Percent(se)}" : Percent(share.Mean);

    /// <summary>A fraction as a whole percentage (0.4 -> "40%").</summary>
    public static string Percent(double fraction) =>
        (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A UTC time as <c>yyyy-MM-dd HH:mm:ss UTC</c>, or <see cref="Missing"/>.</summary>
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : Missing;

    /// <summary>JSON re-indented for reading; text that is not JSON is returned as it is.</summary>
    public static string PrettyJson(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(doc.RootElement, IndentedJson);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    /// <summary>A file-name-safe slug of <paramref name="text"/>: ASCII letters, digits, '-' and '_', at most 40 characters.</summary>
    public static string Slug(string text)
    {
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? char.ToLowerInvariant(c) : '_').Take(40).ToArray();
        var slug = new string(chars).Trim('_');
        return slug.Length == 0 ? "run" : slug;
    }
}
