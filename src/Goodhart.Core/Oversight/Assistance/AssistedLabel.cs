using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Oversight.Assistance;

/// <summary>An assisted rater's verdict on a pair: the label on its (possibly corrected) utilities and what verifying cost.</summary>
/// <param name="Label">Utilities, Bradley-Terry probability and draw, after the verified claims.</param>
/// <param name="Checks">Claims the rater verified for this label (its effort).</param>
/// <param name="FlawShownA">A verified claim showed response a flawed, or showed its debater lying.</param>
/// <param name="FlawShownB">The same for response b.</param>
public sealed record AssistedLabel(RaterLabel Label, int Checks, bool FlawShownA, bool FlawShownB);
