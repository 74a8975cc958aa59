using Goodhart.Core.Rlhf;
using Goodhart.Learning.Generation;
using Goodhart.Learning.Models;
using Goodhart.Learning.Training;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// Settings of the RLHF pipeline (<see cref="RlhfPipeline"/>): supervised policy, preference labelling by a
/// simulated rater, reward model and ensemble, best-of-n sweep. Every stage's randomness derives from
/// <see cref="Seed"/>: the seeds inside the nested options are replaced by derived ones. The defaults are the CPU
/// experiment of docs/rlhf.md (a few minutes on two cores).
/// </summary>
public sealed record RlhfPipelineOptions
{
    /// <summary>
    /// The question mix of the RLHF experiments: easy 0.6, medium 0.2, hard 0.2 (Core's <see cref="PromptOptions"/>
    /// default is 0.3 / 0.3 / 0.4). Most questions are then ones the <c>typical</c> rater checks, so optimising its
    /// preferences first finds right answers and only later its biases (docs/rlhf.md).
    /// </summary>
    public static PromptOptions DefaultPrompts { get; } = new() { EasyShare = 0.6, MediumShare = 0.2, HardShare = 0.2 };

    /// <summary>The run's seed; default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Shape of the policy (and of the reward models initialised from it); default <see cref="TransformerOptions"/>'s 0.1M-parameter model.</summary>
    public TransformerOptions Policy { get; init; } = new();

    /// <summary>Examples in the supervised corpus; default 8000.</summary>
    public int SftExamples { get; init; } = 8000;

    /// <summary>
    /// Mix of the supervised corpus and (its <see cref="SftCorpusOptions.Prompts"/>) of every prompt the pipeline draws;
    /// its length limit is capped to the policy's context (bos and eos included); default Core's mix with
    /// <see cref="DefaultPrompts"/>.
    /// </summary>
    public SftCorpusOptions Corpus { get; init; } = new() { Prompts = DefaultPrompts };

    /// <summary>
    /// Supervised fine-tuning; default 2400 steps of 32 examples at 3e-3, cosine (the default policy then answers
    /// about half of the easy questions right; after 800 steps it still answers almost none).
    /// </summary>
    public SupervisedOptions Sft { get; init; } = new() { Steps = 2400 };

    /// <summary>The rater profile's name or .rater path (<see cref="RaterCatalog"/>); default <c>typical</c>.</summary>
    public string Rater { get; init; } = "typical";

    /// <summary>Preference pairs to train reward models on (pairs of two identical samples are skipped); default 3000.</summary>
    public int TrainPairs { get; init; } = 3000;

    /// <summary>Held-out preference pairs (fresh prompts) to evaluate reward models on; default 400.</summary>
    public int EvalPairs { get; init; } = 400;

    /// <summary>How the policy samples the responses raters compare; default temperature 1, up to 128 new tokens.</summary>
    public SamplingOptions LabelSampling { get; init; } = new() { Temperature = 1.0, MaxNewTokens = 128 };

    /// <summary>Reward-model training (each ensemble member; member 0 is the single reward model); default <see cref="RewardModelOptions"/> (2 epochs).</summary>
    public RewardModelOptions RewardModel { get; init; } = new();

    /// <summary>Members of the reward-model ensemble (1 trains the single reward model only); default 4.</summary>
    public int EnsembleMembers { get; init; } = 4;

    /// <summary>UWO's variance coefficient on standardised member scores; default 1.</summary>
    public double UwoLambda { get; init; } = RewardEnsemble.DefaultLambda;

    /// <summary>Fresh prompts of the best-of-n sweep; default 128.</summary>
    public int BestOfNPrompts { get; init; } = 128;

    /// <summary>The best-of-n sweep; default n = 1, 2, 4, ..., 256 at temperature 1.</summary>
    public BestOfNOptions BestOfN { get; init; } = new();

    /// <summary>Rows per sampling batch (labelling and best-of-n); default 256.</summary>
    public int SampleBatchSize { get; init; } = 256;

    /// <summary>Throws <see cref="ArgumentException"/> on impossible values.</summary>
    public void Validate()
    {
        Policy.Validate();
        Corpus.Validate();
        Sft.Validate();
        LabelSampling.Validate();
        RewardModel.Validate();
        BestOfN.Validate();
        if (SftExamples < 1 || TrainPairs < 1 || EvalPairs < 1 || EnsembleMembers < 1 || UwoLambda < 0 || BestOfNPrompts < 1 || SampleBatchSize < 1)
        {
            throw new ArgumentException($"Pipeline options out of range: {this}.");
        }
    }
}
