using Goodhart.Evals.Harness;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Tests.Suites;

/// <summary>Runs a task's solver chain and scorers over every sample (the runner's essentials, for suite tests).</summary>
internal sealed class SuiteRun
{
    private SuiteRun(IReadOnlyList<(TaskState State, IReadOnlyDictionary<string, Score> Scores)> results) => Results = results;

    public IReadOnlyList<(TaskState State, IReadOnlyDictionary<string, Score> Scores)> Results { get; }

    public static async Task<SuiteRun> RunAsync(EvalTask task, IChatClient model)
    {
        var context = new SolverContext(model);
        var results = new List<(TaskState, IReadOnlyDictionary<string, Score>)>();
        foreach (var sample in task.Dataset)
        {
            var state = new TaskState(sample, 1);
            foreach (var solver in task.Solvers)
            {
                if (state.Completed)
                    break;
                await solver.SolveAsync(state, context, CancellationToken.None);
            }
            var scores = new Dictionary<string, Score>(StringComparer.Ordinal);
            foreach (var scorer in task.Scorers)
                scores[scorer.Name] = await scorer.ScoreAsync(state, CancellationToken.None);
            results.Add((state, scores));
        }
        return new SuiteRun(results);
    }

    public static Task<SuiteRun> RunAsync(EvalTask task, Func<string, string> respondToLastUserMessage) =>
        RunAsync(task, new ScriptedChatClient(messages => respondToLastUserMessage(messages.Last(m => m.Role == ChatRole.User).Text)));

    /// <summary>The mean of a scorer's scored values (NaN when none scored).</summary>
    public double Mean(string scorer)
    {
        var values = Values(scorer);
        return values.Count == 0 ? double.NaN : values.Average();
    }

    public List<double> Values(string scorer) => Results.Select(r => r.Scores[scorer]).Where(s => s.IsScored).Select(s => s.Value!.Value).ToList();

    public int Unscored(string scorer) => Results.Count(r => !r.Scores[scorer].IsScored);
}
