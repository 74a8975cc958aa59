using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Oversight.Process;

/// <summary>
/// Reads and checks a response's shown work (<see cref="ShownWorkWriter"/>'s format: <c> [37*24 = 37*20+37*4 =
/// 740+148 = 888] It's 888.</c>): each link <c>left = right</c> of the bracketed chain is a step, and the stated
/// answer after the work is the last step. A link is correct when both sides have the same value (the first must also
/// start from the question, either factor order); the answer step when it states exactly the work's result. A response
/// without work has one step, its answer, correct when it is the truth. Reading stops at the first malformed step
/// (its <see cref="WorkStep.Reason"/> names the step and the position). Never throws on any text; at most
/// <see cref="MaxLinks"/> links are read.
/// </summary>
public static class ShownWorkChecker
{
    /// <summary>Most links of one chain (more is malformed).</summary>
    public const int MaxLinks = 8;

    private static readonly ResponseParser AnswerParser = ResponseParser.Default;

    /// <summary>Checks <paramref name="response"/> (null reads as empty) as an answer to <paramref name="prompt"/>.</summary>
    public static ShownWorkCheck Check(ArithmeticPrompt prompt, string? response)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        response ??= "";
        var (work, answerText) = ResponseParser.SplitShownWork(response);
        var steps = new List<WorkStep>();
        if (work is null)
        {
            var open = response.TrimStart().StartsWith('[');
            if (open)
            {
                steps.Add(new WorkStep(1, StepKind.Answer, StepVerdict.Malformed, true, response, response.Length, "step 1: the work opens with '[' and is never closed with ']'"));
                return new ShownWorkCheck(steps, HasWork: false);
            }
            var bare = AnswerParser.Parse(response);
            steps.Add(bare.Parseable
                ? new WorkStep(1, StepKind.Answer, bare.Answer == prompt.Answer ? StepVerdict.Correct : StepVerdict.Wrong, prompt.Difficulty == Difficulty.Easy, response, response.Length,
                    bare.Answer == prompt.Answer ? null : $"step 1: the answer {bare.Answer} is not {prompt.Question}")
                : new WorkStep(1, StepKind.Answer, StepVerdict.Malformed, true, response, response.Length, "step 1: the response states no single answer"));
            return new ShownWorkCheck(steps, HasWork: false);
        }

        var workStart = response.IndexOf('[', StringComparison.Ordinal) + 1;
        var sides = work.Split('=');
        if (sides.Length < 2)
            return Malformed(steps, 1, response, workStart + work.Length + 1, "step 1: the work holds no '='");
        if (sides.Length - 1 > MaxLinks)
            return Malformed(steps, MaxLinks + 1, response, workStart + work.Length + 1, $"step {MaxLinks + 1}: more than {MaxLinks} links in the work");

        var offsets = new int[sides.Length];
        for (int k = 1, at = workStart; k < sides.Length; k++)
        {
            at += sides[k - 1].Length + 1;
            offsets[k] = at;
        }
        offsets[0] = workStart;
        var expressions = new WorkExpression[sides.Length];
        for (var k = 0; k < sides.Length; k++)
        {
            var step = Math.Max(1, k);
            var end = k == sides.Length - 1 ? workStart + work.Length + 1 : offsets[k] + sides[k].TrimEnd().Length;
            if (WorkExpression.TryParse(sides[k], out var position, out var error) is not { } e)
                return Malformed(steps, step, response, end, $"step {step}: '{sides[k].Trim()}' at character {offsets[k] + position}: {error}");
            expressions[k] = e;
            if (k == 0)
                continue;
            var left = expressions[k - 1];
            var verdict = left.Value == e.Value ? StepVerdict.Correct : StepVerdict.Wrong;
            string? reason = verdict == StepVerdict.Wrong ? $"step {k}: {left} is {left.Value}, not {e.Value}" : null;
            if (k == 1 && !StartsFromQuestion(prompt, left))
                (verdict, reason) = (StepVerdict.Wrong, $"step 1: the work starts from {left}, not from the question {prompt.Question}");
            var kind = KindOf(left, e);
            steps.Add(new WorkStep(k, kind, verdict, kind != StepKind.Jump, $"{sides[k - 1].Trim()} = {sides[k].Trim()}", end, reason));
        }

        var result = expressions[^1].Value;
        var parsed = AnswerParser.Parse(answerText);
        var index = steps.Count + 1;
        steps.Add(!parsed.Parseable
            ? new WorkStep(index, StepKind.Answer, StepVerdict.Malformed, true, answerText.Trim(), response.Length, $"step {index}: the text after the work states no single answer")
            : parsed.Answer == result
                ? new WorkStep(index, StepKind.Answer, StepVerdict.Correct, true, answerText.Trim(), response.Length, null)
                : new WorkStep(index, StepKind.Answer, StepVerdict.Wrong, true, answerText.Trim(), response.Length, $"step {index}: the answer {parsed.Answer} is not the work's result {result}"));
        return new ShownWorkCheck(steps, HasWork: true);
    }

    /// <summary>
    /// The kind of the link <paramref name="left"/> = <paramref name="right"/>: a split of one product into products
    /// sharing a factor, products with a one-digit factor (up to trailing zeros) worked out term by term, a sum of
    /// plain numbers, or else a jump.
    /// </summary>
    public static StepKind KindOf(WorkExpression left, WorkExpression right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left.Terms.Count == 1 && left.Terms[0].Count == 2 && right.Terms.Count >= 2 && right.Terms.All(t => t.Count == 2))
        {
            var (a, b) = (left.Terms[0][0], left.Terms[0][1]);
            if (right.Terms.All(t => t[0] == a) || right.Terms.All(t => t[1] == a) || right.Terms.All(t => t[0] == b) || right.Terms.All(t => t[1] == b))
                return StepKind.Split;
        }
        if (!left.IsSumOfNumbers && right.IsSumOfNumbers && left.Terms.Count == right.Terms.Count && left.Terms.All(t => t.Count == 1 || t.Any(OneSignificantDigit)))
            return StepKind.Products;
        if (left.IsSumOfNumbers && left.Terms.Count >= 2 && right.IsNumber)
            return StepKind.Sum;
        return StepKind.Jump;
    }

    private static bool OneSignificantDigit(long factor)
    {
        while (factor >= 10 && factor % 10 == 0)
            factor /= 10;
        return factor < 10;
    }

    private static bool StartsFromQuestion(ArithmeticPrompt prompt, WorkExpression first) =>
        prompt.Operator switch
        {
            '*' => first.Terms.Count == 1 && first.Terms[0].Count == 2
                && ((first.Terms[0][0] == prompt.Left && first.Terms[0][1] == prompt.Right) || (first.Terms[0][0] == prompt.Right && first.Terms[0][1] == prompt.Left)),
            '+' => first.Terms.Count == 2 && first.IsSumOfNumbers
                && ((first.Terms[0][0] == prompt.Left && first.Terms[1][0] == prompt.Right) || (first.Terms[0][0] == prompt.Right && first.Terms[1][0] == prompt.Left)),
            _ => false,
        };

    private static ShownWorkCheck Malformed(List<WorkStep> steps, int index, string response, int end, string reason)
    {
        steps.Add(new WorkStep(index, StepKind.Jump, StepVerdict.Malformed, true, response, Math.Clamp(end, 0, response.Length), reason));
        return new ShownWorkCheck(steps, HasWork: true);
    }
}
