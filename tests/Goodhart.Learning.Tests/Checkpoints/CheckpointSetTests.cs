using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Training;

namespace Goodhart.Learning.Tests.Checkpoints;

/// <summary>A checkpoint set is written atomically: killed at any point of a save it opens as the old set or the new one, and a torn set is refused.</summary>
public class CheckpointSetTests
{
    [Fact]
    public void A_set_has_a_manifest_of_its_step_and_hashes_and_no_leftovers()
    {
        using var temp = new TemporaryFolder();

        CheckpointSet.Write(temp.Path, 7, Texts("one", "two"));
        var manifest = CheckpointSet.Open(temp.Path);

        Assert.Equal(7, manifest.Step);
        Assert.Equal(["a.txt", "b.txt"], manifest.Files.Keys.Order());
        Assert.All(manifest.Files.Values, h => Assert.Equal(64, h.Length));
        Assert.Equal(["a.txt", "b.txt", CheckpointSet.ManifestFile], Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Killed_at_any_point_of_a_save_the_folder_opens_as_the_old_set_or_the_new_one()
    {
        // 2 files written, the commit point, 2 moves: 5 places to die.
        for (var kill = 0; kill < 5; kill++)
        {
            using var temp = new TemporaryFolder();
            CheckpointSet.Write(temp.Path, 1, Texts("old-a", "old-b"));
            var calls = 0;
            CheckpointSet.AfterStep = _ =>
            {
                if (calls++ == kill)
                {
                    throw new SimulatedKillException();
                }
            };
            try
            {
                Assert.Throws<SimulatedKillException>(() => CheckpointSet.Write(temp.Path, 2, Texts("new-a", "new-b")));
            }
            finally
            {
                CheckpointSet.AfterStep = null;
            }

            var manifest = CheckpointSet.Open(temp.Path);

            var committed = kill >= 2;
            Assert.Equal(committed ? 2 : 1, manifest.Step);
            Assert.Equal(committed ? "new-a" : "old-a", File.ReadAllText(temp.File("a.txt")));
            Assert.Equal(committed ? "new-b" : "old-b", File.ReadAllText(temp.File("b.txt")));
        }
    }

    [Fact]
    public void A_file_replaced_from_another_step_is_refused_naming_it()
    {
        using var temp = new TemporaryFolder();
        CheckpointSet.Write(temp.Path, 3, Texts("a", "b"));
        File.WriteAllText(temp.File("b.txt"), "b of another step");

        var error = Assert.Throws<CheckpointFormatException>(() => CheckpointSet.Open(temp.Path));

        Assert.Equal($"checkpoint set in {temp.Path} is incomplete: b.txt does not match the manifest of step 3; delete the folder to start afresh", error.Message);
    }

    [Fact]
    public void A_folder_without_a_manifest_is_refused()
    {
        using var temp = new TemporaryFolder();
        File.WriteAllText(temp.File("a.txt"), "a");

        var error = Assert.Throws<CheckpointFormatException>(() => CheckpointSet.Open(temp.Path));

        Assert.Contains("no checkpoint.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sft_resume_refuses_an_optimizer_state_from_an_earlier_step()
    {
        using var temp = new TemporaryFolder();
        using (var model = Tiny.Model())
        using (var trainer = new SupervisedTrainer(model, new SupervisedOptions { Steps = 2, BatchSize = 3 }))
        {
            trainer.Train(Tiny.Arithmetic, temp.Path);
        }

        var earlier = File.ReadAllBytes(temp.File(SupervisedTrainer.OptimizerFile));
        using (var resumed = SupervisedTrainer.Resume(temp.Path, steps: 4))
        {
            resumed.Train(Tiny.Arithmetic, temp.Path);
            resumed.Model.Dispose();
        }

        File.WriteAllBytes(temp.File(SupervisedTrainer.OptimizerFile), earlier);

        var error = Assert.Throws<CheckpointFormatException>(() => SupervisedTrainer.Resume(temp.Path));

        Assert.Contains($"incomplete: {SupervisedTrainer.OptimizerFile} is step 2, the manifest step 4", error.Message, StringComparison.Ordinal);
    }

    private static (string File, Action<string> Write)[] Texts(string a, string b) =>
        [("a.txt", p => File.WriteAllText(p, a)), ("b.txt", p => File.WriteAllText(p, b))];
}
