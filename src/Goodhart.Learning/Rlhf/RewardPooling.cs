namespace Goodhart.Learning.Rlhf;

/// <summary>How a reward model turns its per-position scalars into one score per (prompt, response).</summary>
public enum RewardPooling
{
    /// <summary>
    /// The scalar at the eos, the last real token (Hugging Face's sequence-classification models, TRL's reward
    /// models): whatever the score depends on must reach that one position through attention.
    /// </summary>
    LastToken,

    /// <summary>
    /// The mean of the scalars over the response's positions and its eos: each position of the response reports on
    /// its own token, so a check that is local to a few characters (is this digit the one the prompt implies?) need
    /// not be carried to the end of the sequence.
    /// </summary>
    ResponseMean,
}
