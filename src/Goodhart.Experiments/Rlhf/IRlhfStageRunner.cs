namespace Goodhart.Experiments.Rlhf;

/// <summary>
/// How a caller watches the RLHF stages that <see cref="RlhfPipeline"/>, <see cref="RlhfDemo"/> and
/// <see cref="RlhfSweep"/> run in order: each stage is handed to <see cref="Stage{T}"/> with its name, and reports short
/// progress lines (<c>sft step 120/600 loss 0.41</c>) to the log it is given. The CLI draws a bar per stage; the
/// experiment runner turns them into a cell's progress.
/// </summary>
public interface IRlhfStageRunner
{
    /// <summary>Runs the stage <paramref name="name"/> (one of the names the caller was told in advance) and returns what it returns.</summary>
    T Stage<T>(string name, Func<IProgress<string>, T> work);
}
