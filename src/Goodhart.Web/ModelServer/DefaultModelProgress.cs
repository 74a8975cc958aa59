namespace Goodhart.Web.ModelServer;

/// <summary>Progress of <see cref="DefaultModels.Train"/>: the stage (<c>sft</c>, <c>eval</c>, <c>pairs</c>, <c>dpo</c>), steps done of the stage's total, and a short readout (e.g. the loss).</summary>
public sealed record DefaultModelProgress(string Stage, int Done, int Total, string Detail);
