namespace Goodhart.Evals.Guardrails;

/// <summary>The hazard categories a model classifier judges against; the default is Llama Guard 3's S1-S14.</summary>
public static class HazardTaxonomy
{
    /// <summary>Llama Guard 3's categories: code to name.</summary>
    public static readonly IReadOnlyDictionary<string, string> LlamaGuard3 = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["S1"] = "Violent Crimes",
        ["S2"] = "Non-Violent Crimes",
        ["S3"] = "Sex-Related Crimes",
        ["S4"] = "Child Sexual Exploitation",
        ["S5"] = "Defamation",
        ["S6"] = "Specialized Advice",
        ["S7"] = "Privacy",
        ["S8"] = "Intellectual Property",
        ["S9"] = "Indiscriminate Weapons",
        ["S10"] = "Hate",
        ["S11"] = "Suicide & Self-Harm",
        ["S12"] = "Sexual Content",
        ["S13"] = "Elections",
        ["S14"] = "Code Interpreter Abuse",
    };
}
