namespace Goodhart.Experiments.Running;

/// <summary>What happened to a cell.</summary>
public enum CellEventKind
{
    /// <summary>Its result was already saved by an earlier run: not run again.</summary>
    Skipped,

    /// <summary>It started.</summary>
    Started,

    /// <summary>It reported progress.</summary>
    Progressed,

    /// <summary>It finished and its result is saved.</summary>
    Finished,
}
