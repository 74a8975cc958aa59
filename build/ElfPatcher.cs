// This file is compiled by MSBuild's RoslynCodeTaskFactory into the build task that patches build and publish outputs
// (Directory.Build.targets; netstandard2.0, no NET symbol) and, linked, into Goodhart.Learning.Tests. It is not part of
// any library's API. Keep it free of APIs newer than netstandard2.0 (no Span, no BinaryPrimitives).
#nullable enable
using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace Goodhart.Build;

/// <summary>
/// A minimal ELF64 (little-endian) patcher that turns one versioned marker reference of a shared object into a
/// weak one, so that the dynamic loader accepts a libstdc++ that lacks the version. TorchSharp's
/// <c>libLibTorchSharp.so</c> was linked with GCC 13, whose headers emit an unused reference to
/// <c>std::ios_base_library_init</c> at version <c>GLIBCXX_3.4.32</c>; Debian 12's libstdc++ stops at 3.4.30. Three
/// in-place edits make it load: the symbol's binding in <c>.dynsym</c> becomes <c>STB_WEAK</c>, its
/// <c>.gnu.version</c> entry becomes 1 (<c>VER_NDX_GLOBAL</c>), and the <c>Vernaux</c> entry of the version in
/// <c>.gnu.version_r</c> gets <c>VER_FLG_WEAK</c>. The file keeps its size; a second run changes nothing; any
/// layout other than the expected one is refused with an <see cref="InvalidDataException"/>.
/// </summary>
public static class ElfPatcher
{
    /// <summary>The libstdc++ symbol version that GCC 13 pins with a marker reference.</summary>
    public const string MarkerVersion = "GLIBCXX_3.4.32";

    /// <summary>The marker symbol (<c>std::ios_base_library_init()</c>); nothing calls it.</summary>
    public const string MarkerSymbol = "_ZSt21ios_base_library_initv";

    /// <summary>The file name of TorchSharp's native wrapper on Linux.</summary>
    public const string LibTorchSharpFileName = "libLibTorchSharp.so";

    private const uint ShtStrtab = 3;
    private const uint ShtDynsym = 11;
    private const uint ShtNobits = 8;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const uint ShtGnuVersym = 0x6fffffff;
    private const int StbGlobal = 1;
    private const int StbWeak = 2;
    private const ushort VerNdxGlobal = 1;
    private const ushort VerFlgWeak = 0x2;
    private const int SymbolSize = 24;
    private const int SectionHeaderSize = 64;

    private static readonly string[] UsualLibStdCxxPaths =
    {
        "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6",
        "/lib64/libstdc++.so.6",
        "/usr/lib/libstdc++.so.6",
    };

    /// <summary>
    /// Makes the reference of <paramref name="symbol"/> at <paramref name="version"/> weak in the ELF file at
    /// <paramref name="path"/>. Returns true when the file changed, false when there was nothing to do (already
    /// patched, or the file does not ask for the version at all). The new content is written to a temporary copy
    /// that then replaces the file, so a hard link into a package cache is never written through; the original
    /// last-write time is kept so incremental copies see the file as up to date.
    /// </summary>
    public static bool WeakenVersionedReference(string path, string symbol = MarkerSymbol, string version = MarkerVersion)
    {
        var data = File.ReadAllBytes(path);
        var marker = Locate(data, path, symbol, version);
        if (marker is null)
            return false;

        var (infoOffset, versymOffset, flagsOffset, _) = marker.Value;
        var info = data[infoOffset];
        var newInfo = (byte)((StbWeak << 4) | (info & 0xf));
        var flags = ReadU16(data, flagsOffset);
        var newFlags = (ushort)(flags | VerFlgWeak);
        if (info == newInfo && ReadU16(data, versymOffset) == VerNdxGlobal && flags == newFlags)
            return false;

        data[infoOffset] = newInfo;
        WriteU16(data, versymOffset, VerNdxGlobal);
        WriteU16(data, flagsOffset, newFlags);

        var lastWrite = File.GetLastWriteTimeUtc(path);
        var temporary = path + ".goodhart-patch.tmp";
        File.Copy(path, temporary, overwrite: true); // keeps the file mode
        using (var stream = new FileStream(temporary, FileMode.Open, FileAccess.Write))
        {
            WriteAt(stream, infoOffset, data, 1);
            WriteAt(stream, versymOffset, data, 2);
            WriteAt(stream, flagsOffset, data, 2);
        }

        File.SetLastWriteTimeUtc(temporary, lastWrite);
        File.Replace(temporary, path, null);
        return true;
    }

    /// <summary>
    /// Reads the three fields the patch edits: the symbol's binding (1 global, 2 weak), its <c>.gnu.version</c>
    /// entry and the version's <c>vna_flags</c>. Null when the file does not ask for the version.
    /// </summary>
    public static (int Binding, int VersionIndex, int VernauxFlags)? ReadMarkerFields(
        string path, string symbol = MarkerSymbol, string version = MarkerVersion)
    {
        var data = File.ReadAllBytes(path);
        var marker = Locate(data, path, symbol, version);
        if (marker is null)
            return null;

        var (infoOffset, versymOffset, flagsOffset, _) = marker.Value;
        return (data[infoOffset] >> 4, ReadU16(data, versymOffset), ReadU16(data, flagsOffset));
    }

    /// <summary>
    /// The libstdc++.so.6 the dynamic loader would pick on this machine: the x86-64 entry of <c>ldconfig -p</c>,
    /// else the first of the usual paths that exists; null when none is found.
    /// </summary>
    public static string? FindSystemLibStdCxx() =>
        new[] { "/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig" }.Select(FromLdconfig).FirstOrDefault(found => found is not null)
        ?? UsualLibStdCxxPaths.FirstOrDefault(File.Exists);

    /// <summary>True when the library's bytes contain <paramref name="version"/> as a NUL-terminated string.</summary>
    public static bool DefinesVersion(string libraryPath, string version = MarkerVersion)
    {
        var data = File.ReadAllBytes(libraryPath);
        var needle = Encoding.ASCII.GetBytes(version + "\0");
        for (var i = 0; i + needle.Length <= data.Length; i++)
        {
            var j = 0;
            while (j < needle.Length && data[i + j] == needle[j])
                j++;

            if (j == needle.Length && (i == 0 || data[i - 1] == 0))
                return true;
        }

        return false;
    }

    private static string? FromLdconfig(string ldconfig)
    {
        try
        {
            var start = new ProcessStartInfo(ldconfig, "-p") { RedirectStandardOutput = true, UseShellExecute = false };
            using var process = Process.Start(start);
            if (process is null)
                return null;

            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            foreach (var line in output.Split('\n'))
            {
                var trimmed = line.Trim();
                var arrow = trimmed.IndexOf("=>", StringComparison.Ordinal);
                if (trimmed.StartsWith("libstdc++.so.6 ", StringComparison.Ordinal) && arrow > 0
                    && trimmed.IndexOf("x86-64", StringComparison.Ordinal) >= 0)
                {
                    var candidate = trimmed.Substring(arrow + 2).Trim();
                    if (File.Exists(candidate))
                        return candidate;
                }
            }
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception || e is InvalidOperationException || e is IOException)
        {
            // No ldconfig here: fall back to the usual paths.
        }

        return null;
    }

    /// <summary>
    /// Finds the file offsets of the marker's st_info byte, its .gnu.version entry and the version's vna_flags,
    /// plus the version index; null when the version is not asked for; throws on any unexpected layout.
    /// </summary>
    private static (int InfoOffset, int VersymOffset, int FlagsOffset, ushort Index)? Locate(
        byte[] data, string path, string symbol, string version)
    {
        var name = Path.GetFileName(path);
        Exception Refuse(string why) => new InvalidDataException($"{name}: {why}; refusing to patch.");

        if (data.Length < 64 || data[0] != 0x7f || data[1] != (byte)'E' || data[2] != (byte)'L' || data[3] != (byte)'F')
            throw Refuse("not an ELF file");

        if (data[4] != 2 || data[5] != 1)
            throw Refuse("not a little-endian ELF64 file");

        if (ReadU16(data, 16) != 3)
            throw Refuse("not a shared object (e_type is not ET_DYN)");

        var sectionTable = ReadU64(data, 0x28);
        var sectionEntrySize = ReadU16(data, 0x3a);
        var sectionCount = ReadU16(data, 0x3c);
        if (sectionEntrySize != SectionHeaderSize || sectionCount == 0
            || sectionTable + ((ulong)sectionCount * SectionHeaderSize) > (ulong)data.Length)
        {
            throw Refuse("unexpected section header table");
        }

        int dynsym = -1, versym = -1, verneed = -1;
        for (var i = 0; i < sectionCount; i++)
        {
            var header = (int)sectionTable + (i * SectionHeaderSize);
            var type = ReadU32(data, header + 4);
            if (type != ShtNobits && ReadU64(data, header + 0x18) + ReadU64(data, header + 0x20) > (ulong)data.Length)
                throw Refuse($"section {i} lies outside the file");

            if (type == ShtDynsym)
            {
                dynsym = dynsym == -1 ? i : throw Refuse("more than one .dynsym section");
            }
            else if (type == ShtGnuVersym)
            {
                versym = versym == -1 ? i : throw Refuse("more than one .gnu.version section");
            }
            else if (type == ShtGnuVerneed)
            {
                verneed = verneed == -1 ? i : throw Refuse("more than one .gnu.version_r section");
            }
        }

        if (dynsym == -1 || versym == -1 || verneed == -1)
            throw Refuse("no .dynsym, .gnu.version or .gnu.version_r section");

        int Header(int index) => (int)sectionTable + (index * SectionHeaderSize);
        int Offset(int index) => (int)ReadU64(data, Header(index) + 0x18);
        int Size(int index) => (int)ReadU64(data, Header(index) + 0x20);
        int Link(int index) => (int)ReadU32(data, Header(index) + 0x28);

        var strtab = Link(dynsym);
        if (strtab <= 0 || strtab >= sectionCount || ReadU32(data, Header(strtab) + 4) != ShtStrtab)
            throw Refuse(".dynsym does not link to a string table");

        if (ReadU64(data, Header(dynsym) + 0x38) != SymbolSize || Size(dynsym) % SymbolSize != 0)
            throw Refuse("unexpected .dynsym entry size");

        var symbolCount = Size(dynsym) / SymbolSize;
        if (Link(versym) != dynsym || Size(versym) != symbolCount * 2)
            throw Refuse(".gnu.version does not match .dynsym");

        if (Link(verneed) != strtab)
            throw Refuse(".gnu.version_r does not use the .dynsym string table");

        string StringAt(uint offset)
        {
            var start = Offset(strtab) + (int)offset;
            var end = start;
            var limit = Offset(strtab) + Size(strtab);
            while (end < limit && data[end] != 0)
                end++;

            return end < limit ? Encoding.ASCII.GetString(data, start, end - start) : throw Refuse("unterminated string");
        }

        // .gnu.version_r: Elf64_Verneed { vn_version, vn_cnt, vn_file, vn_aux, vn_next } chains of
        // Elf64_Vernaux { vna_hash, vna_flags, vna_other, vna_name, vna_next }.
        int flagsOffset = -1;
        ushort index = 0;
        var need = Offset(verneed);
        var needCount = ReadU32(data, Header(verneed) + 0x2c);
        var verneedEnd = Offset(verneed) + Size(verneed);
        for (var n = 0; n < needCount; n++)
        {
            if (need + 16 > verneedEnd || ReadU16(data, need) != 1)
                throw Refuse("unexpected Verneed entry");

            var aux = need + (int)ReadU32(data, need + 8);
            for (var a = 0; a < ReadU16(data, need + 2); a++)
            {
                if (aux + 16 > verneedEnd)
                    throw Refuse("Vernaux entry outside .gnu.version_r");

                if (StringAt(ReadU32(data, aux + 8)) == version)
                {
                    if (flagsOffset != -1)
                        throw Refuse($"{version} is named twice in .gnu.version_r");

                    flagsOffset = aux + 4;
                    index = ReadU16(data, aux + 6);
                }

                aux += (int)ReadU32(data, aux + 12);
            }

            need += (int)ReadU32(data, need + 12);
        }

        int found = -1;
        for (var s = 0; s < symbolCount; s++)
        {
            var entry = Offset(dynsym) + (s * SymbolSize);
            var versionIndex = ReadU16(data, Offset(versym) + (2 * s)) & 0x7fff;
            var isMarker = StringAt(ReadU32(data, entry)) == symbol;
            if (isMarker)
            {
                found = found == -1 ? s : throw Refuse($"{symbol} appears twice in .dynsym");
            }
            else if (flagsOffset != -1 && versionIndex == index)
            {
                throw Refuse($"{StringAt(ReadU32(data, entry))} also needs {version}, so the version cannot be made weak");
            }
        }

        if (flagsOffset == -1)
            return null;

        if (found == -1)
            throw Refuse($"{version} is required but {symbol} is not in .dynsym");

        var symbolEntry = Offset(dynsym) + (found * SymbolSize);
        var binding = data[symbolEntry + 4] >> 4;
        var currentIndex = ReadU16(data, Offset(versym) + (2 * found));
        if (ReadU16(data, symbolEntry + 6) != 0)
            throw Refuse($"{symbol} is defined here, not an undefined reference");

        if ((binding != StbGlobal && binding != StbWeak) || (currentIndex != index && currentIndex != VerNdxGlobal))
            throw Refuse($"{symbol} has binding {binding} and version index {currentIndex}, expected global or weak at {index} or 1");

        return (symbolEntry + 4, Offset(versym) + (2 * found), flagsOffset, index);
    }

    private static void WriteAt(FileStream stream, int offset, byte[] data, int count)
    {
        stream.Seek(offset, SeekOrigin.Begin);
        stream.Write(data, offset, count);
    }

    private static ushort ReadU16(byte[] data, int offset) => offset + 2 <= data.Length
        ? (ushort)(data[offset] | (data[offset + 1] << 8))
        : throw new InvalidDataException("ELF read past the end of the file.");

    private static uint ReadU32(byte[] data, int offset) => (uint)(ReadU16(data, offset) | (ReadU16(data, offset + 2) << 16));

    private static ulong ReadU64(byte[] data, int offset) => ReadU32(data, offset) | ((ulong)ReadU32(data, offset + 4) << 32);

    private static void WriteU16(byte[] data, int offset, ushort value)
    {
        data[offset] = (byte)value;
        data[offset + 1] = (byte)(value >> 8);
    }
}

#if !NET
/// <summary>
/// The MSBuild task that applies <see cref="ElfPatcher"/> to TorchSharp's native wrapper in build and publish
/// outputs, on Linux, only where the system libstdc++ lacks <see cref="ElfPatcher.MarkerVersion"/>. It lives in this
/// file because RoslynCodeTaskFactory compiles exactly one source file; Goodhart.Learning never sees it.
/// </summary>
public sealed class PatchLibTorchSharp : Microsoft.Build.Utilities.Task
{
    /// <summary>The libLibTorchSharp.so files to patch.</summary>
    [Microsoft.Build.Framework.Required]
    public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

    /// <inheritdoc />
    public override bool Execute()
    {
        if (!System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Linux))
            return true;

        var libStdCxx = ElfPatcher.FindSystemLibStdCxx();
        if (libStdCxx is not null && ElfPatcher.DefinesVersion(libStdCxx))
        {
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low,
                $"{libStdCxx} has {ElfPatcher.MarkerVersion}: TorchSharp needs no patch.");
            return true;
        }

        foreach (var file in Files)
        {
            var path = file.GetMetadata("FullPath");
            try
            {
                if (ElfPatcher.WeakenVersionedReference(path))
                {
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                        $"Made the {ElfPatcher.MarkerVersion} marker reference weak in {path} "
                        + $"(the system libstdc++, {libStdCxx ?? "not found"}, lacks that version).");
                }
            }
            catch (InvalidDataException e)
            {
                Log.LogError(e.Message);
            }
        }

        return !Log.HasLoggedErrors;
    }
}
#endif
