using Goodhart.Core;
using Goodhart.Core.Rlhf;

namespace Goodhart.Experiments.Rlhf;

/// <summary>Resolves a <c>--rater</c> value (a shipped profile's name or a .rater file) with errors that name the file.</summary>
public static class RlhfRaters
{
    public static RaterProfile Get(string nameOrPath)
    {
        if (nameOrPath.EndsWith(".rater", StringComparison.Ordinal) && !File.Exists(nameOrPath))
            throw new UserInputException($"{nameOrPath}: rater file not found");
        return RaterCatalog.Default().Get(nameOrPath);
    }
}
