namespace Goodhart.Web.Workbench.Game;

/// <summary>A live update of a game training, sent to the page as a server-sent event.</summary>
/// <param name="Type"><c>episode</c>, <c>done</c> or <c>error</c>.</param>
/// <param name="Json">The event's data.</param>
public sealed record GameTrainingEvent(string Type, string Json);
