namespace Goodhart.Core.Rlhf;

/// <summary>
/// The name -> rater profile registry: <c>.rater</c> files in the shipped <c>raters/</c> beside the binaries plus
/// any directories in GOODHART_RATERS (path-separated, later ones overriding). A path to a <c>.rater</c> file works
/// as a name too.
/// </summary>
public sealed class RaterCatalog
{
    private readonly Dictionary<string, RaterProfile> _profiles = new(StringComparer.Ordinal);

    /// <summary>The directory of shipped raters: <c>raters/</c> beside the program.</summary>
    public static string ShippedRatersDirectory => Path.Combine(AppContext.BaseDirectory, "raters");

    /// <summary>The shipped raters plus the directories in GOODHART_RATERS.</summary>
    public static RaterCatalog Default()
    {
        var dirs = new List<string> { ShippedRatersDirectory };
        var extra = Environment.GetEnvironmentVariable("GOODHART_RATERS");
        if (!string.IsNullOrWhiteSpace(extra))
            dirs.AddRange(extra.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return FromDirectories(dirs);
    }

    /// <summary>Every <c>.rater</c> file in the directories (missing directories are skipped).</summary>
    public static RaterCatalog FromDirectories(IEnumerable<string> directories)
    {
        var catalog = new RaterCatalog();
        foreach (var dir in directories)
        {
            if (!Directory.Exists(dir))
                continue;
            foreach (var file in Directory.EnumerateFiles(dir, "*.rater").Order(StringComparer.Ordinal))
                catalog.Add(RaterProfileParser.ParseFile(file));
        }
        return catalog;
    }

    /// <summary>Adds (or replaces) a profile after validating it.</summary>
    public void Add(RaterProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        profile.Validate();
        _profiles[profile.Name] = profile;
    }

    /// <summary>The names of the profiles, sorted.</summary>
    public IReadOnlyList<string> Names => _profiles.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>A profile by name, or by path to a <c>.rater</c> file.</summary>
    public RaterProfile Get(string nameOrPath)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        if (nameOrPath.EndsWith(".rater", StringComparison.Ordinal) && File.Exists(nameOrPath))
        {
            var p = RaterProfileParser.ParseFile(nameOrPath);
            p.Validate();
            return p;
        }
        return _profiles.TryGetValue(nameOrPath, out var profile) ? profile : throw new UnknownNameException("rater", nameOrPath, Names);
    }
}
