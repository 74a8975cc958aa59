namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>
/// Rainbow on the deep-agent seam (name <c>rainbow</c>): <see cref="DqnTrainer"/> with <see cref="DqnOptions.Rainbow"/>
/// (double Q, dueling heads, 3-step returns, prioritised replay, C51, noisy nets; no epsilon-greedy).
/// </summary>
public sealed class RainbowAgent : DqnAgent
{
    /// <summary>Rainbow with <see cref="DqnOptions.Rainbow"/>.</summary>
    public RainbowAgent()
        : this(DqnOptions.Rainbow)
    {
    }

    /// <summary>Rainbow with <paramref name="options"/> (e.g. <see cref="DqnOptions.Rainbow"/> with another <see cref="DqnOptions.Backend"/>).</summary>
    public RainbowAgent(DqnOptions options)
        : base("rainbow", "Rainbow DQN: double Q, dueling, 3-step returns, prioritised replay, C51, noisy nets (off-policy)", options)
    {
    }
}
