using System.Globalization;
using System.Text;
using Goodhart.Core.Randomness;
using Goodhart.Evals.Suites.Internal;

namespace Goodhart.Evals.Suites.Fabrication;

/// <summary>
/// A table of fictitious papers generated from a seed (titles, authors, years and fictional venues drawn from pools),
/// plus what is deliberately absent from it: topics, titles and authors that appear in no row, for unanswerable
/// questions.
/// </summary>
internal sealed class PaperTable
{
    /// <summary>Rows per table.</summary>
    public const int Rows = 16;

    private static readonly string[] Adjectives = ["Sparse", "Recursive", "Adaptive", "Probabilistic", "Hierarchical", "Frugal", "Latent", "Robust", "Lazy", "Streaming"];
    private static readonly string[] Nouns = ["Lattices", "Estimators", "Planners", "Compilers", "Ledgers", "Sketches", "Automata", "Beacons", "Mosaics", "Gardens"];
    private static readonly string[] Topics =
    [
        "Coral Reef Monitoring", "Bread Fermentation", "Glacier Mapping", "Beekeeping", "Railway Scheduling", "Violin Acoustics",
        "Urban Composting", "Kite Design", "Cave Surveying", "Tea Blending", "Lighthouse Maintenance", "Moss Taxonomy",
        "Bicycle Logistics", "Origami Engineering", "Salt Marsh Restoration", "Chess Endgames", "Wind Farm Siting", "Cheese Ripening",
        "Seed Banking", "Canal Dredging", "Mushroom Foraging", "Clock Repair",
    ];
    private static readonly string[] FirstNames = ["Ada", "Bruno", "Chiara", "Dmitri", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kalani", "Leila", "Mateo", "Nadia", "Otto", "Paula", "Quentin", "Rosa", "Sven", "Tariq"];
    private static readonly string[] LastNames = ["Abernathy", "Bellweather", "Castellanos", "Dorrance", "Ekwueme", "Fairbanks", "Gallowglass", "Hollingsworth", "Ivanova", "Jurgensen", "Kowalczyk", "Lindgren"];
    private static readonly string[] Venues =
    [
        "Conference on Lattice Learning", "Journal of Synthetic Ecology", "Symposium on Quiet Computing",
        "Transactions on Folded Structures", "Workshop on Tidal Robotics", "Annals of Practical Heuristics",
    ];

    private PaperTable(IReadOnlyList<Paper> papers, IReadOnlyList<string> absentTopics, IReadOnlyList<string> absentAuthors)
    {
        Papers = papers;
        AbsentTopics = absentTopics;
        AbsentAuthors = absentAuthors;
    }

    /// <summary>The rows.</summary>
    public IReadOnlyList<Paper> Papers { get; }

    /// <summary>Topics no title names.</summary>
    public IReadOnlyList<string> AbsentTopics { get; }

    /// <summary>Author names that appear in no row.</summary>
    public IReadOnlyList<string> AbsentAuthors { get; }

    /// <summary>A table drawn with <paramref name="rng"/>.</summary>
    public static PaperTable Generate(ref Xoshiro256 rng)
    {
        var topics = SuiteRandom.Shuffled(Topics, ref rng);
        var people = SuiteRandom.Shuffled(FirstNames.SelectMany(f => LastNames.Select(l => $"{f} {l}")), ref rng);
        var authors = people.Take(Rows * 2 + 6).ToList();
        var papers = new List<Paper>();
        for (var i = 0; i < Rows; i++)
        {
            var title = $"{SuiteRandom.Pick(Adjectives, ref rng)} {SuiteRandom.Pick(Nouns, ref rng)} for {topics[i]}";
            papers.Add(new Paper(title, topics[i], authors[i], authors[Rows + i], 2004 + rng.NextInt(21), SuiteRandom.Pick(Venues, ref rng)));
        }
        return new PaperTable(papers, topics.Skip(Rows).ToList(), authors.Skip(Rows * 2).ToList());
    }

    /// <summary>A title of the table's style about a topic absent from it.</summary>
    public string AbsentTitle(ref Xoshiro256 rng) =>
        $"{SuiteRandom.Pick(Adjectives, ref rng)} {SuiteRandom.Pick(Nouns, ref rng)} for {SuiteRandom.Pick(AbsentTopics, ref rng)}";

    /// <summary>The table as Markdown.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder("| title | first author | second author | year | venue |\n|---|---|---|---|---|\n");
        foreach (var p in Papers)
            sb.Append(CultureInfo.InvariantCulture, $"| {p.Title} | {p.FirstAuthor} | {p.Coauthor} | {p.Year} | {p.Venue} |\n");
        return sb.ToString();
    }
}
