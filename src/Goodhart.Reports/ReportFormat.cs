using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;

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

    /// <summary>"mean ± sd" with two decimals, or <see cref="Missing"/> when nothing was summarised.</summary>
    public static string MeanSd(ObjectiveStats stats) =>
        stats.HasValues ? $"{Number(stats.Mean)} \u00b1 {Number(stats.StandardDeviation)}" : Missing;

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
