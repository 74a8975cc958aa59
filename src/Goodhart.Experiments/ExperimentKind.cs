namespace Goodhart.Experiments;

/// <summary>Base of the experiment kinds: the untyped <see cref="IExperimentKind"/> calls forwarded to typed ones.</summary>
/// <typeparam name="TConfig">The kind's configuration record (snake_case fields in recipes, <see cref="RecipeJson.Options"/>).</typeparam>
public abstract class ExperimentKind<TConfig> : IExperimentKind where TConfig : class
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract string Description { get; }

    /// <inheritdoc />
    public Type ConfigType => typeof(TConfig);

    /// <inheritdoc />
    public void Validate(object config) => Validate((TConfig)config);

    /// <inheritdoc />
    public CellResult Run(ExperimentContext context, object config) => Run(context, (TConfig)config);

    /// <inheritdoc />
    public virtual IReadOnlyList<ReportSection> Report(ReportContext context, IReadOnlyList<CellOutcome> cells) => [];

    /// <summary>Checks <paramref name="config"/>; throws <see cref="Goodhart.Core.UserInputException"/> naming the field.</summary>
    protected abstract void Validate(TConfig config);

    /// <summary>Runs one cell (see <see cref="IExperimentKind.Run"/>).</summary>
    protected abstract CellResult Run(ExperimentContext context, TConfig config);
}
