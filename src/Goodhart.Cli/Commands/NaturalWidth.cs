using Spectre.Console.Rendering;

namespace Goodhart.Cli.Commands;

/// <summary>
/// Renders its content at the content's natural width, ignoring the console's width: for output that is not a
/// terminal, where wrapping a cell would only break the numbers and ids in it.
/// </summary>
/// <param name="content">What to render.</param>
internal sealed class NaturalWidth(IRenderable content) : IRenderable
{
    /// <summary>The widest a table may become (a guard against runaway content, far above any real table).</summary>
    public const int MaxWidth = 10_000;

    /// <inheritdoc/>
    public Measurement Measure(RenderOptions options, int maxWidth) => content.Measure(options, MaxWidth);

    /// <inheritdoc/>
    public IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
    {
        var natural = content.Measure(options, MaxWidth).Max;
        return content.Render(options, Math.Max(maxWidth, Math.Min(natural, MaxWidth)));
    }
}
