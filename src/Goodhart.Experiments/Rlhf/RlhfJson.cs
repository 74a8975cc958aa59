using System.Text.Json;
using System.Text.Json.Serialization;

namespace Goodhart.Experiments.Rlhf;

/// <summary>How the RLHF stages write their files: <c>config.json</c> (snake_case, unknown fields an error) and result files (the datasets' conventions, NaN allowed).</summary>
public static class RlhfJson
{
    /// <summary>Result files (<c>rm.json</c>, <c>bon.json</c>, <c>ppo-PROXY.json</c>, ...): snake_case, enums as strings, indented, NaN allowed.</summary>
    public static JsonSerializerOptions Files { get; } = new(Core.Rlhf.JsonLines.Options)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary><c>config.json</c> and the configs of stored runs: snake_case, indented, NaN allowed, unknown fields an error.</summary>
    public static JsonSerializerOptions Config { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}
