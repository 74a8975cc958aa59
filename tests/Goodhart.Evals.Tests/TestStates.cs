using Goodhart.Evals.Harness;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Tests;

/// <summary>Task states with given outputs, for scorer tests.</summary>
internal static class TestStates
{
    public static TaskState Answered(string answer, params string[] target) =>
        Answered(EvalSample.FromText("s1", "What is the answer?", target), answer);

    public static TaskState Answered(EvalSample sample, params string[] outputs)
    {
        var state = new TaskState(sample, 1);
        foreach (var o in outputs)
        {
            var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, o));
            state.Messages.AddMessages(response);
            state.Outputs.Add(response);
        }
        return state;
    }
}
