namespace Goodhart.Experiments;

/// <summary>One section of a recipe's HTML report: a heading and its HTML body (figures referenced by file name, captions, tables).</summary>
public sealed record ReportSection(string Title, string Html);
