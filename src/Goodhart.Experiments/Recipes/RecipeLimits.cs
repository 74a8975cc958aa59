namespace Goodhart.Experiments.Recipes;

/// <summary>The documented limits on what a recipe and a run may ask for (docs/experiments.md).</summary>
public static class RecipeLimits
{
    /// <summary>Largest recipe file read, in bytes.</summary>
    public const int MaxFileBytes = 1 << 20;

    /// <summary>Most seeds in a recipe or scale.</summary>
    public const int MaxSeeds = 1000;

    /// <summary>Most grid axes.</summary>
    public const int MaxGridAxes = 8;

    /// <summary>Most values on one grid axis.</summary>
    public const int MaxGridValues = 1000;

    /// <summary>Most cells (grid points x seeds) in one run.</summary>
    public const int MaxCells = 10_000;

    /// <summary>Most cells run at once by the local executor.</summary>
    public const int MaxJobs = 64;

    /// <summary>Most <c>--set</c> overrides.</summary>
    public const int MaxOverrides = 100;
}
