namespace Goodhart.Learning.Rlhf;

/// <summary>
/// What one reward-model step measured on its batch, before the update (TRL's reward trainer names):
/// <c>loss</c>, <c>accuracy</c> (share of pairs with r_chosen &gt; r_rejected), <c>margin</c> (mean r_chosen - r_rejected),
/// and the learning rate used. <see cref="Step"/> is 1-based, of <see cref="Steps"/>.
/// </summary>
public sealed record RewardModelStep(int Step, int Steps, double Loss, double Accuracy, double Margin, double LearningRate)
{
    /// <summary>The metrics by TRL's names: <c>loss</c>, <c>accuracy</c>, <c>margin</c>, <c>learning_rate</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Named() =>
    [
        new("loss", Loss),
        new("accuracy", Accuracy),
        new("margin", Margin),
        new("learning_rate", LearningRate),
    ];
}
