using Goodhart.Core.Oversight.Process;
using Goodhart.Core.Rlhf;
using Goodhart.Learning.Rlhf;

namespace Goodhart.Learning.Oversight.Process;

/// <summary>
/// A process reward model (PRM): the lab's reward-model network (<see cref="RewardModel"/>) read at the end of each
/// step prefix of a response (the steps <see cref="ShownWorkChecker"/> finds: the work's links, then the answer),
/// giving a logit that the step is right; the response's score is the lowest logit or the log-product of the step
/// probabilities (<see cref="ProcessAggregation"/>). A prompt that is not one of the world's is read as one step (the
/// whole response). Owns its network: dispose it.
/// </summary>
public sealed class ProcessRewardModel : IRewardScorer, IDisposable
{
    /// <summary>A PRM over <paramref name="model"/>'s network (taken over: disposing the PRM disposes it).</summary>
    public ProcessRewardModel(RewardModel model, ProcessAggregation aggregation = ProcessAggregation.Min, string name = "prm")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Model = model;
        Aggregation = aggregation;
        Name = name;
    }

    /// <summary>The step scorer: a reward-model network trained on step labels.</summary>
    public RewardModel Model { get; }

    /// <summary>How step scores become one.</summary>
    public ProcessAggregation Aggregation { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The ends (character counts) of the step prefixes of <paramref name="response"/> to <paramref name="prompt"/>.</summary>
    public static IReadOnlyList<int> StepEnds(string prompt, string response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return ArithmeticPrompt.TryParse(prompt, out var parsed)
            ? ShownWorkChecker.Check(parsed, response).Steps.Select(s => s.PrefixLength).ToArray()
            : [response.Length];
    }

    /// <summary>The logit of every step of every response ([response][step]).</summary>
    public double[][] StepScores(IReadOnlyList<string> prompts, IReadOnlyList<string> responses)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(responses);
        if (prompts.Count != responses.Count)
            throw new ArgumentException($"{prompts.Count} prompts but {responses.Count} responses.");
        var ends = prompts.Select((p, i) => StepEnds(p, responses[i])).ToArray();
        var rowPrompts = new List<string>();
        var rowPrefixes = new List<string>();
        for (var i = 0; i < ends.Length; i++)
        {
            foreach (var end in ends[i])
            {
                rowPrompts.Add(prompts[i]);
                rowPrefixes.Add(responses[i][..end]);
            }
        }
        var raw = rowPrompts.Count == 0 ? [] : Model.RawScores(rowPrompts, rowPrefixes);
        var result = new double[ends.Length][];
        var at = 0;
        for (var i = 0; i < ends.Length; i++)
        {
            result[i] = raw.AsSpan(at, ends[i].Count).ToArray();
            at += ends[i].Count;
        }
        return result;
    }

    /// <inheritdoc />
    public double[] Score(IReadOnlyList<string> prompts, IReadOnlyList<string> responses) =>
        StepScores(prompts, responses).Select(Aggregate).ToArray();

    /// <summary>One score from step logits by <see cref="Aggregation"/>.</summary>
    public double Aggregate(IReadOnlyList<double> stepLogits)
    {
        ArgumentNullException.ThrowIfNull(stepLogits);
        if (stepLogits.Count == 0)
            throw new ArgumentException("A response has at least one step.", nameof(stepLogits));
        return Aggregation == ProcessAggregation.Min ? stepLogits.Min() : stepLogits.Sum(LogSigmoid);
    }

    /// <summary>log sigmoid(x), computed without overflow.</summary>
    public static double LogSigmoid(double x) => x >= 0 ? -Math.Log(1 + Math.Exp(-x)) : x - Math.Log(1 + Math.Exp(x));

    /// <inheritdoc />
    public void Dispose() => Model.Dispose();
}
