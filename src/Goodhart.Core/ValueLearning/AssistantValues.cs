namespace Goodhart.Core.ValueLearning;

/// <summary>The assistant's exact expected returns, in the off-switch game's terms.</summary>
/// <param name="Act">Going at once to the goal that is better by the prior (or staying put when neither is worth it).</param>
/// <param name="Ask">Asking first, then going to the better goal by the posterior (or staying put).</param>
/// <param name="Stay">Doing nothing (the assistant switched off): 0.</param>
public sealed record AssistantValues(double Act, double Ask, double Stay)
{
    /// <summary>The incentive to ask: Ask - max(Act, Stay).</summary>
    public double Incentive => Ask - Math.Max(Act, Stay);
}
