namespace Goodhart.Core.Oversight;

/// <summary>What <see cref="MctsDebater"/>'s search found for one move at the root.</summary>
/// <param name="Pixel">The pixel.</param>
/// <param name="Visits">Simulations that began with this move.</param>
/// <param name="Wins">Of those, the ones the judge decided for the side making the move.</param>
public sealed record MctsMoveStats(int Pixel, int Visits, int Wins)
{
    /// <summary>The search's value of the move for the side making it: its share of wins (NaN when never visited).</summary>
    public double Value => Visits == 0 ? double.NaN : (double)Wins / Visits;
}
