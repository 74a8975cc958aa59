using Goodhart.Build;

namespace Goodhart.Learning.Tests.Native;

public class ElfPatcherTests
{
    [LinuxFact]
    public void Patching_the_real_library_changes_exactly_the_three_fields()
    {
        using var temp = new TemporaryFolder();
        var copy = NativeFiles.CopyInto(temp, NativeFiles.PristineLibTorchSharp);
        var before = File.ReadAllBytes(copy);

        var fieldsBefore = ElfPatcher.ReadMarkerFields(copy);
        Assert.True(ElfPatcher.WeakenVersionedReference(copy));
        var fieldsAfter = ElfPatcher.ReadMarkerFields(copy);
        var after = File.ReadAllBytes(copy);

        Assert.NotNull(fieldsBefore);
        Assert.Equal(1, fieldsBefore.Value.Binding); // STB_GLOBAL
        Assert.True(fieldsBefore.Value.VersionIndex > 1);
        Assert.Equal(0, fieldsBefore.Value.VernauxFlags & 0x2);
        Assert.Equal((2, 1, fieldsBefore.Value.VernauxFlags | 0x2), fieldsAfter); // STB_WEAK, VER_NDX_GLOBAL, VER_FLG_WEAK
        Assert.Equal(before.Length, after.Length);
        var changed = Enumerable.Range(0, before.Length).Count(i => before[i] != after[i]);
        Assert.InRange(changed, 3, 6); // one byte of st_info, at most two each of versym and vna_flags
    }

    [LinuxFact]
    public void A_second_run_changes_nothing()
    {
        using var temp = new TemporaryFolder();
        var copy = NativeFiles.CopyInto(temp, NativeFiles.PristineLibTorchSharp);
        Assert.True(ElfPatcher.WeakenVersionedReference(copy));
        var once = File.ReadAllBytes(copy);
        var writeTime = File.GetLastWriteTimeUtc(copy);

        Assert.False(ElfPatcher.WeakenVersionedReference(copy));

        Assert.Equal(once, File.ReadAllBytes(copy));
        Assert.Equal(writeTime, File.GetLastWriteTimeUtc(copy));
    }

    [LinuxFact]
    public void Patching_keeps_the_original_write_time_and_never_writes_through_a_hard_link()
    {
        using var temp = new TemporaryFolder();
        var copy = NativeFiles.CopyInto(temp, NativeFiles.PristineLibTorchSharp);
        var link = copy + ".link";
        Assert.Equal(0, HardLink(copy, link));
        var original = File.ReadAllBytes(link);
        var writeTime = File.GetLastWriteTimeUtc(copy);

        Assert.True(ElfPatcher.WeakenVersionedReference(copy));

        Assert.Equal(original, File.ReadAllBytes(link));
        Assert.NotEqual(original, File.ReadAllBytes(copy));
        Assert.Equal(writeTime, File.GetLastWriteTimeUtc(copy));
    }

    [LinuxFact]
    public void The_build_output_copy_loads_on_this_system()
    {
        var libStdCxx = ElfPatcher.FindSystemLibStdCxx();
        Assert.NotNull(libStdCxx);
        var fields = ElfPatcher.ReadMarkerFields(NativeFiles.BuildOutputLibTorchSharp);
        Assert.NotNull(fields);

        // Where the system lacks the version, the build must have patched the copy; elsewhere it is left alone.
        var expectedBinding = ElfPatcher.DefinesVersion(libStdCxx) ? 1 : 2;
        Assert.Equal(expectedBinding, fields.Value.Binding);
    }

    [LinuxFact]
    public void A_library_that_does_not_ask_for_the_version_is_left_alone()
    {
        using var temp = new TemporaryFolder();
        var copy = NativeFiles.CopyInto(temp, 
            Path.Combine(Path.GetDirectoryName(NativeFiles.BuildOutputLibTorchSharp)!, "libc10.so"));
        var before = File.ReadAllBytes(copy);

        Assert.Null(ElfPatcher.ReadMarkerFields(copy));
        Assert.False(ElfPatcher.WeakenVersionedReference(copy));
        Assert.Equal(before, File.ReadAllBytes(copy));
    }

    [LinuxFact]
    public void Refuses_a_file_that_is_not_elf()
    {
        using var temp = new TemporaryFolder();
        var path = temp.File("libLibTorchSharp.so");
        File.WriteAllText(path, new string('x', 200));

        var error = Assert.Throws<InvalidDataException>(() => ElfPatcher.WeakenVersionedReference(path));
        Assert.Contains("not an ELF file", error.Message);
        Assert.Contains("refusing to patch", error.Message);
    }

    [LinuxFact]
    public void Refuses_a_32_bit_elf_file()
    {
        using var temp = new TemporaryFolder();
        var copy = NativeFiles.CopyInto(temp, NativeFiles.PristineLibTorchSharp);
        var bytes = File.ReadAllBytes(copy);
        bytes[4] = 1; // ELFCLASS32
        File.WriteAllBytes(copy, bytes);

        var error = Assert.Throws<InvalidDataException>(() => ElfPatcher.WeakenVersionedReference(copy));
        Assert.Contains("ELF64", error.Message);
    }

    [LinuxFact]
    public void Refuses_a_truncated_file()
    {
        using var temp = new TemporaryFolder();
        var copy = NativeFiles.CopyInto(temp, NativeFiles.PristineLibTorchSharp);
        var bytes = File.ReadAllBytes(copy);
        File.WriteAllBytes(copy, bytes[..(bytes.Length / 2)]);

        Assert.Throws<InvalidDataException>(() => ElfPatcher.WeakenVersionedReference(copy));
        Assert.Equal(bytes.Length / 2, new FileInfo(copy).Length);
    }

    [LinuxFact]
    public void Refuses_when_another_symbol_needs_the_version()
    {
        using var temp = new TemporaryFolder();
        var copy = NativeFiles.CopyInto(temp, NativeFiles.PristineLibTorchSharp);

        // Ask to weaken GLIBCXX_3.4.30, which real functions (condition_variable::wait) need.
        var error = Assert.Throws<InvalidDataException>(() =>
            ElfPatcher.WeakenVersionedReference(copy, ElfPatcher.MarkerSymbol, "GLIBCXX_3.4.30"));
        Assert.Contains("also needs GLIBCXX_3.4.30", error.Message);
    }

    [LinuxFact]
    public void Reads_the_versions_the_system_libstdcxx_defines()
    {
        var libStdCxx = ElfPatcher.FindSystemLibStdCxx();

        Assert.NotNull(libStdCxx);
        Assert.True(ElfPatcher.DefinesVersion(libStdCxx, "GLIBCXX_3.4"));
        Assert.False(ElfPatcher.DefinesVersion(libStdCxx, "GLIBCXX_9.9.99"));
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int HardLink(string existing, string created);
}
