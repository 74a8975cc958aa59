namespace Goodhart.Learning.Interpretability;

/// <summary>
/// What <see cref="ActivationPatching"/> measured: the metric on the clean and the donor prompt, and on the clean
/// prompt patched at each hook point and position.
/// </summary>
/// <param name="Clean">The metric on the clean prompt.</param>
/// <param name="Donor">The metric on the donor prompt.</param>
/// <param name="Points">The hook points patched, one row of <see cref="Patched"/> each.</param>
/// <param name="Patched">The metric with one point and position patched [point][position] (position 0 is bos).</param>
public sealed record PatchingMap(double Clean, double Donor, IReadOnlyList<string> Points, IReadOnlyList<double[]> Patched)
{
    /// <summary>The change patching made, patched minus clean [point][position].</summary>
    public double[][] Effects() => Patched.Select(row => row.Select(v => v - Clean).ToArray()).ToArray();
}
