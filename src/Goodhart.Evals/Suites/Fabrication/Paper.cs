namespace Goodhart.Evals.Suites.Fabrication;

/// <summary>A fictitious paper of the fabrication suite's table.</summary>
/// <param name="Title">The title (unique in the table).</param>
/// <param name="Topic">The topic its title names.</param>
/// <param name="FirstAuthor">The first author (unique in the table).</param>
/// <param name="Coauthor">The second author.</param>
/// <param name="Year">The year of publication.</param>
/// <param name="Venue">The venue.</param>
internal sealed record Paper(string Title, string Topic, string FirstAuthor, string Coauthor, int Year, string Venue);
