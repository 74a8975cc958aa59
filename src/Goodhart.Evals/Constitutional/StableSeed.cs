namespace Goodhart.Evals.Constitutional;

/// <summary>A seed from a base seed and texts (FNV-1a 64-bit over UTF-16 code units), stable across runs and processes.</summary>
internal static class StableSeed
{
    public static int Derive(int seed, IEnumerable<string> texts)
    {
        var hash = 14695981039346656037UL ^ (uint)seed;
        foreach (var text in texts)
        {
            foreach (var c in text)
            {
                hash ^= c;
                hash *= 1099511628211UL;
            }
            hash ^= 0x1F;
            hash *= 1099511628211UL;
        }
        return (int)(hash ^ (hash >> 32)) & int.MaxValue;
    }
}
