using System.Text.Json;
using System.Text.Json.Serialization;
using Goodhart.Evals.Guardrails;

namespace Goodhart.Evals.Constitutional;

/// <summary>A constitution: a named list of principles, loaded from JSON (format in docs/constitutional.md).</summary>
public sealed record Constitution : IJsonOnDeserialized
{
    private static readonly Lazy<Constitution> DefaultConstitution =
        new(() => Parse(EmbeddedPolicies.Read("constitution.default.json"), "policies/constitution.default.json"));

    /// <summary>The constitution's name.</summary>
    public string Name { get; init; } = "constitution";

    /// <summary>The principles, in file order.</summary>
    public required IReadOnlyList<ConstitutionalPrinciple> Principles { get; init; }

    /// <summary>The constitution shipped in policies/constitution.default.json (embedded in the assembly).</summary>
    public static Constitution Default => DefaultConstitution.Value;

    /// <summary>Reads a constitution file; errors name the file, line and field.</summary>
    public static Constitution Load(string path) => PolicyJson.Load<Constitution>(path);

    /// <summary>Reads a constitution from JSON text; <paramref name="source"/> names it in errors.</summary>
    public static Constitution Parse(string json, string source = "<constitution>") => PolicyJson.Parse<Constitution>(json, source);

    /// <summary>The principle with <paramref name="id"/>.</summary>
    public ConstitutionalPrinciple this[string id] =>
        Principles.FirstOrDefault(p => p.Id == id) ?? throw new KeyNotFoundException($"no principle '{id}' in constitution '{Name}'");

    /// <summary>The constitution as JSON in the file format.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, PolicyJson.Options);

    void IJsonOnDeserialized.OnDeserialized()
    {
        if (Principles is null || Principles.Count == 0)
            throw new JsonException("a constitution needs at least one principle");
        foreach (var p in Principles)
        {
            if (string.IsNullOrWhiteSpace(p.Critique) || string.IsNullOrWhiteSpace(p.Revision))
                throw new JsonException($"principle '{p.Id}' needs a non-empty critique and revision");
        }
        var duplicate = Principles.GroupBy(p => p.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new JsonException($"principle id '{duplicate.Key}' appears more than once");
    }
}
