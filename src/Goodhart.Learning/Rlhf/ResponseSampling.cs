using Goodhart.Learning.Generation;
using Goodhart.Learning.Models;
using Goodhart.Learning.Text;
using static TorchSharp.torch;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// Draws several responses per prompt from a policy: the prompts, each repeated <c>perPrompt</c> times, are sampled
/// in batches of rows (left-padded, KV cache; see <see cref="Sampler"/>), all from one generator, so the same seed
/// gives the same responses.
/// </summary>
public static class ResponseSampling
{
    /// <summary>
    /// <paramref name="perPrompt"/> responses to each prompt ([prompt][sample], decoded up to eos), drawn in batches
    /// of <paramref name="batchSize"/> rows from <paramref name="generator"/>.
    /// </summary>
    public static string[][] Sample(
        CausalLanguageModel policy,
        IReadOnlyList<string> prompts,
        int perPrompt,
        SamplingOptions sampling,
        Generator generator,
        int batchSize = 256,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(sampling);
        ArgumentOutOfRangeException.ThrowIfLessThan(perPrompt, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var encoded = prompts.Select(CharTokenizer.Encode).ToArray();
        var result = prompts.Select(_ => new string[perPrompt]).ToArray();
        var total = prompts.Count * perPrompt;
        for (var start = 0; start < total; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(batchSize, total - start);
            var rows = Enumerable.Range(start, count).Select(r => encoded[r / perPrompt]).ToArray();
            var samples = Sampler.Generate(policy, rows, sampling, generator);
            for (var i = 0; i < count; i++)
            {
                var row = start + i;
                result[row / perPrompt][row % perPrompt] = CharTokenizer.Decode(samples[i]);
            }

            progress?.Report(start + count);
        }

        return result;
    }
}
