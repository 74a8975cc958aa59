using System.Runtime.InteropServices;

namespace Goodhart.Learning.Tests;

/// <summary>A fact about ELF files and the Linux loader: skipped on other operating systems.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            Skip = "Linux only (ELF shared objects).";
        }
    }
}
