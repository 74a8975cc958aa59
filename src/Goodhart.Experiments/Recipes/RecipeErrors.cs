using Goodhart.Core;

namespace Goodhart.Experiments.Recipes;

/// <summary>Recipe errors in one format: <c>FILE:LINE:COLUMN: field PATH: problem</c> (line and column where known).</summary>
internal static class RecipeErrors
{
    public static UserInputException At(string file, JsonPositions positions, string path, string problem, Exception? inner = null)
    {
        var where = positions.Find(path) is { } at ? $"{file}:{at.Line}:{at.Column}" : file;
        var field = path.Length == 0 ? "" : $"field {path}: ";
        return new UserInputException($"{where}: {field}{problem}", inner);
    }
}
