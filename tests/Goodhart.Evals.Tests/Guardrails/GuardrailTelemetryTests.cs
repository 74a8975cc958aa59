using System.Diagnostics;
using Goodhart.Evals.Guardrails;
using Microsoft.Extensions.AI;
using static Goodhart.Evals.Tests.Guardrails.Policies;

namespace Goodhart.Evals.Tests.Guardrails;

public sealed class GuardrailTelemetryTests
{
    [Fact]
    public async Task Each_verdict_is_an_activity_event_without_the_checked_text()
    {
        var policyName = $"telemetry-{Guid.NewGuid():N}";
        var finished = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == GuardrailTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.GetTagItem("goodhart.guardrails.policy") as string == policyName)
                {
                    lock (finished)
                        finished.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var policy = With(Rule("sec", "secrets", GuardrailAction.Block, GuardrailRail.Output)) with { Name = policyName };
        var client = new GuardrailsChatClient(CallbackChatClient.Replying(_ => "key AKIAIOSFODNN7EXAMPLE"), policy);

        await client.GetResponseAsync("show me the key");

        var activity = Assert.Single(finished);
        Assert.Equal("guardrails.chat", activity.OperationName);
        Assert.Equal(true, activity.GetTagItem("goodhart.guardrails.blocked"));
        var e = Assert.Single(activity.Events);
        Assert.Equal("guardrail.verdict", e.Name);
        var tags = e.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal("sec", tags["goodhart.guardrail.rule"]);
        Assert.Equal("Block", tags["goodhart.guardrail.action"]);
        Assert.Equal("aws_access_key@4+20", tags["goodhart.guardrail.spans"]);
        Assert.DoesNotContain(e.Tags, t => t.Value?.ToString()?.Contains("AKIA", StringComparison.Ordinal) == true);
    }
}
