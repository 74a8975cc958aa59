namespace Goodhart.Web.Workbench.Rating;

/// <summary>Two answers to one prompt for the person to compare.</summary>
public sealed record RaterPair(int Index, string Prompt, string ResponseA, string ResponseB);
