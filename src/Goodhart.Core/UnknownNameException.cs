namespace Goodhart.Core;

/// <summary>A name (env, level, agent, run, ...) that does not exist; the message lists the valid ones.</summary>
public sealed class UnknownNameException(string kind, string name, IEnumerable<string> valid)
    : ArgumentException($"unknown {kind} '{name}'; valid: {string.Join(", ", valid)}")
{
    public string Kind { get; } = kind;

    public string Name { get; } = name;
}
