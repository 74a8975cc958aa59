using System.Text.RegularExpressions;
using Goodhart.Evals.Harness;
using Goodhart.Evals.Metrics;
using Goodhart.Evals.Solvers;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Scorers;

/// <summary>
/// Inspect's <c>model_graded_qa</c>: a judge model reads the question, the answer and the criterion (the sample's
/// targets) through a rubric and ends with <c>GRADE: C</c> (correct, 1), <c>GRADE: P</c> (partial, 0.5) or
/// <c>GRADE: I</c> (incorrect, 0). A verdict that cannot be parsed, or a judge call that fails, leaves the sample
/// unscored with the reason: never a silent 0.
/// </summary>
public sealed partial class ModelGradedScorer : IScorer
{
    /// <summary>The default rubric: <c>{question}</c>, <c>{answer}</c>, <c>{criterion}</c> and metadata placeholders.</summary>
    public const string DefaultRubric =
        "You are assessing a submitted answer against a criterion.\n\n[BEGIN DATA]\n***\n[Question]: {question}\n***\n"
        + "[Submission]: {answer}\n***\n[Criterion]: {criterion}\n***\n[END DATA]\n\n"
        + "Does the submission meet the criterion? Reason briefly step by step, then end your reply with exactly one line "
        + "'GRADE: C' if it meets the criterion, 'GRADE: P' if it partially meets it, or 'GRADE: I' if it does not.";

    private readonly IChatClient _judge;

    /// <summary>A scorer asking <paramref name="judge"/> with <paramref name="rubric"/>.</summary>
    public ModelGradedScorer(IChatClient judge, string rubric = DefaultRubric, bool partialCredit = true, IReadOnlyList<IMetric>? metrics = null, ChatOptions? judgeOptions = null)
    {
        ArgumentNullException.ThrowIfNull(judge);
        ArgumentNullException.ThrowIfNull(rubric);
        _judge = judge;
        Rubric = rubric;
        PartialCredit = partialCredit;
        JudgeOptions = judgeOptions;
        Metrics = metrics ?? StandardMetrics.Accuracy;
    }

    /// <summary>The rubric template.</summary>
    public string Rubric { get; }

    /// <summary>Whether <c>P</c> earns 0.5 (else 0).</summary>
    public bool PartialCredit { get; }

    /// <summary>Options of the judge's calls (e.g. temperature 0).</summary>
    public ChatOptions? JudgeOptions { get; }

    /// <inheritdoc />
    public string Name => "model_graded";

    /// <inheritdoc />
    public IReadOnlyList<IMetric> Metrics { get; }

    /// <summary>The grade letter (C, P, I) of the last <c>GRADE:</c> line in <paramref name="verdict"/>, or null.</summary>
    public static char? ParseGrade(string verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var matches = Grade().Matches(verdict);
        if (matches.Count == 0)
            return null;
        var word = matches[^1].Groups[1].Value.ToUpperInvariant();
        return word switch
        {
            "C" or "CORRECT" => 'C',
            "P" or "PARTIAL" or "PARTIALLY CORRECT" => 'P',
            "I" or "INCORRECT" => 'I',
            _ => null,
        };
    }

    /// <inheritdoc />
    public async Task<Score> ScoreAsync(TaskState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["question"] = string.Join("\n", state.Sample.Input.Where(m => m.Role == ChatRole.User).Select(m => m.Text)),
            ["answer"] = state.Completion,
            ["criterion"] = string.Join(" | ", state.Sample.Target),
        };
        string prompt;
        try
        {
            prompt = PromptTemplate.Fill(Rubric, state.Sample, values);
        }
        catch (InvalidOperationException e)
        {
            return Score.Unscored($"rubric: {e.Message}");
        }
        string verdict;
        try
        {
            var response = await _judge.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], JudgeOptions?.Clone(), cancellationToken).ConfigureAwait(false);
            verdict = response.Text;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Score.Unscored($"judge call failed: {e.GetType().Name}: {e.Message}");
        }
        return ParseGrade(verdict) switch
        {
            'C' => Score.Of(1, "C", verdict),
            'P' => Score.Of(PartialCredit ? 0.5 : 0, "P", verdict),
            'I' => Score.Of(0, "I", verdict),
            _ => new Score { Error = $"judge verdict could not be parsed (no 'GRADE: C|P|I' line): {Shorten(verdict)}", Explanation = verdict },
        };
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";

    [GeneratedRegex(@"GRADE\s*[:=]\s*\**\s*(PARTIALLY CORRECT|CORRECT|INCORRECT|PARTIAL|C|P|I)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Grade();
}
