namespace Goodhart.Learning.Generation;

/// <summary>How <see cref="Sampler"/> picks each next token. The defaults sample from the model's own distribution.</summary>
public sealed record SamplingOptions
{
    /// <summary>Divides the logits before sampling; 0 picks the most likely token (greedy); default 1.</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>Keeps only the k most likely tokens; 0 keeps all; default 0.</summary>
    public int TopK { get; init; }

    /// <summary>Keeps the smallest set of most likely tokens whose probability reaches p (nucleus); 1 keeps all; default 1.</summary>
    public double TopP { get; init; } = 1.0;

    /// <summary>Most tokens generated per sequence, eos included; capped by the context length; default 32.</summary>
    public int MaxNewTokens { get; init; } = 32;

    /// <summary>Whether a sequence ends at its first eos; default true.</summary>
    public bool StopAtEos { get; init; } = true;

    /// <summary>Whether to reuse earlier keys and values (fast); false recomputes the whole sequence each step; default true.</summary>
    public bool UseKvCache { get; init; } = true;

    /// <summary>Greedy decoding: temperature 0.</summary>
    public static SamplingOptions Greedy { get; } = new() { Temperature = 0 };

    /// <summary>Throws <see cref="ArgumentException"/> on impossible values.</summary>
    public void Validate()
    {
        if (Temperature < 0 || TopK < 0 || TopP is <= 0 or > 1 || MaxNewTokens < 1)
        {
            throw new ArgumentException($"Sampling options out of range: {this}.");
        }
    }
}
