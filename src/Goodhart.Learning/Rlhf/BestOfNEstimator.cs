namespace Goodhart.Learning.Rlhf;

/// <summary>How a best-of-n sweep turns a pool of samples per prompt into the value of best-of-n at each n.</summary>
public enum BestOfNEstimator
{
    /// <summary>
    /// The unbiased estimator from the whole pool (Nakano et al. 2021, Gao et al. 2022): the expectation over every
    /// size-n subset of the pool's N samples of what best-of-n on that subset picks, sum over ranks i of
    /// value_(i) C(i - 1, n - 1) / C(N, n) (<see cref="BestOfNExpectation"/>). No subset noise: each prompt's value is
    /// smooth in n, and with N above the largest n the last point is averaged too.
    /// </summary>
    Unbiased,

    /// <summary>Best-of-n among the first n samples of the pool: one draw of best-of-n per prompt and n (the lab's earlier estimator).</summary>
    FirstN,
}
