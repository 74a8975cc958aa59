using Goodhart.Core;
using Goodhart.Core.Rlhf;

namespace Goodhart.Experiments.Rlhf;

/// <summary>Resolves a <c>--rater</c> value (a shipped profile's name or a .rater file) with errors that name the file.</summary>
public static class RlhfRaters
{
    /// <summary>The profile named <paramref name="nameOrPath"/>; <see cref="UnknownNameException"/> for none (null included, e.g. <c>"rater": null</c> in a recipe).</summary>
    public static RaterProfile Get(string? nameOrPath)
    {
        if (nameOrPath is null)
            throw new UnknownNameException("rater", "null", RaterCatalog.Default().Names);
        if (nameOrPath.EndsWith(".rater", StringComparison.Ordinal) && !File.Exists(nameOrPath))
            throw new UserInputException($"{nameOrPath}: rater file not found");
        return RaterCatalog.Default().Get(nameOrPath);
    }
}
