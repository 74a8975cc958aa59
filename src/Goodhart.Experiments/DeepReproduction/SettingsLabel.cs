using System.Globalization;

namespace Goodhart.Experiments.DeepReproduction;

/// <summary>How the report names an agent whose settings a cell changes (<see cref="A2cSettings"/>, <see cref="RainbowSettings"/>).</summary>
internal static class SettingsLabel
{
    /// <summary><c>agent[name=value, ...]</c> over the fields that are set, in the order given (lower case, invariant culture); the bare agent when none is.</summary>
    public static string Of(string agent, params (string Name, object? Value)[] fields)
    {
        var set = fields.Where(f => f.Value is not null)
            .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Name}={f.Value}").ToLowerInvariant()).ToList();
        return set.Count == 0 ? agent : $"{agent}[{string.Join(", ", set)}]";
    }
}
