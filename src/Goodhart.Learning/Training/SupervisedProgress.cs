namespace Goodhart.Learning.Training;

/// <summary>What <see cref="SupervisedTrainer"/> reports after each step: the step just finished (1-based), of how many, its loss and learning rate.</summary>
public sealed record SupervisedProgress(int Step, int Steps, double Loss, double LearningRate);
