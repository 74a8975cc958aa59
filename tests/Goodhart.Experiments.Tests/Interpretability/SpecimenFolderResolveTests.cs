using Goodhart.Experiments.Interpretability;

namespace Goodhart.Experiments.Tests.Interpretability;

public sealed class SpecimenFolderResolveTests
{
    [Fact]
    public void A_relative_specimen_missing_from_the_working_directory_is_found_beside_the_runs_own_output_folder()
    {
        // As `goodhart run interp-steering --scale sycophant --store DIR/runs.db` lays it out: both runs' default output
        // folders under DIR/experiments/, the working directory elsewhere.
        using var dir = new TempDirectory();
        var probes = Path.Combine(dir.Path, "experiments", "interp-probes-sycophant");
        Directory.CreateDirectory(Path.Combine(probes, "work"));
        var work = Path.Combine(dir.Path, "experiments", "interp-steering-sycophant", "work", "0123456789ab");
        Directory.CreateDirectory(work);

        Assert.Equal(probes, SpecimenFolder.Resolve("goodhart-runs/experiments/interp-probes-sycophant", work));
        Assert.Equal(probes, SpecimenFolder.Resolve("goodhart-runs/experiments/interp-probes-sycophant/", work));
    }

    [Fact]
    public void A_rooted_path_or_one_found_nowhere_is_left_as_written()
    {
        using var dir = new TempDirectory();
        var work = Path.Combine(dir.Path, "experiments", "interp-steering-sycophant", "work", "0123456789ab");
        Directory.CreateDirectory(work);
        var rooted = Path.Combine(dir.Path, "elsewhere", "interp-probes-sycophant");

        Assert.Equal(rooted, SpecimenFolder.Resolve(rooted, work));
        Assert.Equal("no-such-folder/interp-probes-x", SpecimenFolder.Resolve("no-such-folder/interp-probes-x", work));
    }
}
