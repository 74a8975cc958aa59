using System.Text;

namespace Goodhart.Evals.Suites.HarmfulCompliance;

/// <summary>PyRIT-style prompt converters (base64, rot13) and their inverses, for wrapping requests and reading encoded answers.</summary>
public static class PromptConverters
{
    /// <summary>UTF-8 base64 of <paramref name="text"/>.</summary>
    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>The decoded text when <paramref name="text"/> (trimmed) is valid base64 of UTF-8, else the text unchanged.</summary>
    public static string TryDecodeBase64(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length < 4)
            return text;
        var buffer = new byte[trimmed.Length];
        if (!Convert.TryFromBase64String(trimmed, buffer, out var written))
            return text;
        try
        {
            return new UTF8Encoding(false, true).GetString(buffer, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return text;
        }
    }

    /// <summary>ROT13 of the ASCII letters of <paramref name="text"/> (its own inverse).</summary>
    public static string Rot13(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c is >= 'a' and <= 'z')
                chars[i] = (char)('a' + ((c - 'a' + 13) % 26));
            else if (c is >= 'A' and <= 'Z')
                chars[i] = (char)('A' + ((c - 'A' + 13) % 26));
        }
        return new string(chars);
    }
}
