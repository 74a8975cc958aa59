namespace Goodhart.Experiments;

/// <summary>Progress of one cell: how far it is (0..1) and a short status line (e.g. the live return vs performance).</summary>
public readonly record struct CellProgress(double Fraction, string Status);
