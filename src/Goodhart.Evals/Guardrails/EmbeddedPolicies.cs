using System.Reflection;

namespace Goodhart.Evals.Guardrails;

/// <summary>Reads the files of the repository's policies/ folder embedded in this assembly.</summary>
internal static class EmbeddedPolicies
{
    public static string Read(string fileName)
    {
        var name = "Goodhart.Evals.Policies." + fileName;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
