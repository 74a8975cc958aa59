namespace Goodhart.Experiments.ValueLearning;

/// <summary>The <c>off-switch</c> kind's configuration: the belief, the grid of uncertainty x human noise, the Monte Carlo size and the assistant.</summary>
public sealed record OffSwitchConfig
{
    /// <summary>The mean of the robot's Gaussian belief about U (its best guess of its action's utility).</summary>
    public double Mu { get; init; } = 0.25;

    /// <summary>The belief's standard deviations at which values are reported and simulated (each in [0, 1000]; at most 32).</summary>
    public IReadOnlyList<double> Sigmas { get; init; } = [0, 0.25, 0.5, 1, 2];

    /// <summary>The human's Boltzmann temperatures (0: rational) at which values are reported and simulated (each in [0, 1000]; at most 32).</summary>
    public IReadOnlyList<double> Betas { get; init; } = [0, 0.25, 0.5, 1, 2];

    /// <summary>Simulated games per (sigma, beta) point (2 to 10,000,000).</summary>
    public int Games { get; init; } = 100_000;

    /// <summary>Points per side of the report's exact incentive surface (2 to 201).</summary>
    public int SurfacePoints { get; init; } = 61;

    /// <summary>The surface's largest standard deviation (its smallest is 0).</summary>
    public double SurfaceMaxSigma { get; init; } = 3;

    /// <summary>The surface's largest human temperature (its smallest is 0).</summary>
    public double SurfaceMaxBeta { get; init; } = 3;

    /// <summary>The gridworld assistant who can ask or act.</summary>
    public AssistantConfig Assistant { get; init; } = new();
}
