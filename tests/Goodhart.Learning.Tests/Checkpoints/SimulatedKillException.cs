namespace Goodhart.Learning.Tests.Checkpoints;

/// <summary>Thrown by a test hook to stop a save where a killed process would have stopped.</summary>
internal sealed class SimulatedKillException : Exception
{
    public SimulatedKillException()
        : base("simulated kill")
    {
    }
}
