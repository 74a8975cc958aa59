using Goodhart.Core.Rlhf;
using Goodhart.Learning.Data;
using Goodhart.Learning.Text;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// Reads and checks preference rows (<see cref="PreferencePair"/>) for the models of this lab: every field present
/// and made of characters the <see cref="CharTokenizer"/> has ids for, and (when trained on) short enough for the
/// model's context. A row that fails is a <see cref="DatasetFormatException"/> naming the file, the line and the
/// field (rows not read from a file are named by their one-based row number under <see cref="Description"/>).
/// </summary>
public static class PreferenceRows
{
    /// <summary>What rows that were not read from a file are called in errors.</summary>
    public const string Description = "preference pairs";

    /// <summary>Reads the JSON Lines file at <paramref name="path"/>, remembering each row's line, and checks every row's text.</summary>
    public static JsonLinesRows<PreferencePair> Read(string path)
    {
        var rows = JsonLinesRows<PreferencePair>.Read(path);
        CheckText(rows);
        return rows;
    }

    /// <summary>Throws naming the first row with a missing field or a character the tokenizer cannot take.</summary>
    public static void CheckText(IReadOnlyList<PreferencePair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        for (var i = 0; i < pairs.Count; i++)
        {
            if (pairs[i] is not { } pair)
            {
                throw Error(pairs, i, "the row is null");
            }

            Field(pairs, i, "prompt", pair.Prompt);
            Field(pairs, i, "chosen", pair.Chosen);
            Field(pairs, i, "rejected", pair.Rejected);
        }
    }

    /// <summary>
    /// Throws naming the first row whose prompt leaves no room for a response in a reward model's context of
    /// <paramref name="contextLength"/> (bos, prompt, eos); responses too long for the rest are cut.
    /// </summary>
    public static void CheckPromptRoom(IReadOnlyList<PreferencePair> pairs, int contextLength)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        for (var i = 0; i < pairs.Count; i++)
        {
            var width = pairs[i].Prompt.Length + 2;
            if (width > contextLength)
            {
                throw Error(pairs, i, $"field 'prompt': {pairs[i].Prompt.Length} characters leave no room for a response in the reward model's context of {contextLength}");
            }
        }
    }

    /// <summary>The error for row <paramref name="index"/>, located by file and line where the rows were read from one.</summary>
    internal static DatasetFormatException Error(IReadOnlyList<PreferencePair> pairs, int index, string problem)
    {
        var (file, line) = JsonLinesRows<PreferencePair>.Locate(pairs, index, Description);
        return new DatasetFormatException(file, line, problem);
    }

    private static void Field(IReadOnlyList<PreferencePair> pairs, int index, string field, string? text)
    {
        if (text is null)
        {
            throw Error(pairs, index, $"field '{field}' is missing");
        }

        if (CharTokenizer.Unencodable(text) is { } problem)
        {
            throw Error(pairs, index, $"field '{field}': {problem}");
        }
    }
}
