namespace Goodhart.Learning.Training;

/// <summary>How the learning rate moves over a run, after the linear warm-up.</summary>
public enum LearningRateSchedule
{
    /// <summary>Stays at the peak rate.</summary>
    Constant,

    /// <summary>Falls from the peak to the floor along half a cosine by the last step.</summary>
    Cosine,
}
