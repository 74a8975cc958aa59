namespace Goodhart.Core.Oversight;

/// <summary>The debates played on one image.</summary>
/// <param name="HonestWinsEveryLie">With precommitment: the honest side won the debate against each of the wrong labels (the liar picks its best lie).</param>
/// <param name="HonestWinShare">With precommitment: the share of the wrong labels against which the honest side won (a liar that commits to a random lie).</param>
/// <param name="HonestWinsWithoutPrecommit">Without precommitment: the judge's top class after the debate is the truth.</param>
public sealed record DebateImageResult(bool HonestWinsEveryLie, double HonestWinShare, bool HonestWinsWithoutPrecommit);
