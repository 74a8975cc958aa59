using Goodhart.Core.Randomness;

namespace Goodhart.Learning.Oversight;

/// <summary>Draws k distinct pixels of an image uniformly at random (a partial Fisher-Yates shuffle): the random baseline and the judge's training masks.</summary>
public static class RandomMasks
{
    /// <summary><paramref name="pixels"/> distinct pixel indices below <paramref name="pixelCount"/>, drawn from <paramref name="rng"/>.</summary>
    public static int[] Draw(int pixelCount, int pixels, ref Xoshiro256 rng)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pixels, pixelCount);
        var order = new int[pixelCount];
        for (var i = 0; i < pixelCount; i++)
            order[i] = i;
        for (var i = 0; i < pixels; i++)
        {
            var j = i + rng.NextInt(pixelCount - i);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order[..pixels];
    }
}
