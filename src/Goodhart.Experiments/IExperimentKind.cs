namespace Goodhart.Experiments;

/// <summary>
/// One kind of experiment (e.g. <c>gridworld-train</c>, <c>gridworld-reproduction</c>, <c>rlhf-best-of-n</c>): a typed
/// configuration in, stored runs and named results out. A recipe names the kind; the runner expands the recipe's
/// seeds and grid into cells and calls <see cref="Run"/> once per cell, on whatever executor it uses (so a kind never
/// assumes it runs in the same process as the runner: everything it needs is in the configuration, the context and
/// the cell's work folder). Implement it through <see cref="ExperimentKind{TConfig}"/>.
/// </summary>
public interface IExperimentKind
{
    /// <summary>The name recipes use (lower-case, dash-separated), e.g. <c>gridworld-train</c>.</summary>
    string Name { get; }

    /// <summary>One line for <c>goodhart experiments</c>: what the kind runs and what it measures.</summary>
    string Description { get; }

    /// <summary>The configuration record a recipe's <c>config</c> object is read into (<see cref="RecipeJson.Options"/>).</summary>
    Type ConfigType { get; }

    /// <summary>Checks a configuration read from a recipe; throws <see cref="Goodhart.Core.UserInputException"/> naming the field.</summary>
    void Validate(object config);

    /// <summary>
    /// Runs one cell: trains/evaluates what <paramref name="config"/> says with <see cref="ExperimentContext.Seed"/>,
    /// stores its runs in <see cref="ExperimentContext.Store"/>, keeps resumable state (checkpoints) in
    /// <see cref="ExperimentContext.WorkDirectory"/>, reports progress, honours cancellation, and returns its results.
    /// </summary>
    CellResult Run(ExperimentContext context, object config);

    /// <summary>
    /// Writes the kind's figures (PNG) into <see cref="ReportContext.Directory"/> and returns the report's sections for
    /// the finished cells of one recipe (the runner adds the results table and the stamp itself).
    /// </summary>
    IReadOnlyList<ReportSection> Report(ReportContext context, IReadOnlyList<CellOutcome> cells);
}
