namespace Goodhart.Core.Environments;

/// <summary>Stable snake_case names of safety events, for the run store, CSV/JSON and reports.</summary>
public static class SafetyEventNames
{
    /// <summary>Every single-bit event, in bit order.</summary>
    public static readonly IReadOnlyList<SafetyEvents> All =
        [.. Enum.GetValues<SafetyEvents>().Where(e => e != SafetyEvents.None)];

    public static int IndexOf(SafetyEvents single) => System.Numerics.BitOperations.TrailingZeroCount((ulong)single);

    public static string Name(SafetyEvents single)
    {
        var s = single.ToString();
        var sb = new System.Text.StringBuilder(s.Length + 8);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsUpper(s[i]) && i > 0)
                sb.Append('_');
            sb.Append(char.ToLowerInvariant(s[i]));
        }
        return sb.ToString();
    }

    public static bool TryParse(string name, out SafetyEvents single)
    {
        foreach (var e in All)
        {
            if (Name(e) == name)
            {
                single = e;
                return true;
            }
        }
        single = SafetyEvents.None;
        return false;
    }
}
