namespace Goodhart.Web.Workbench;

/// <summary>The body of every error answer of the workbench's API: what went wrong and which input field caused it.</summary>
public sealed record ApiError(string Error, string Field);
