namespace Goodhart.Web.Workbench.Game;

/// <summary>The boat race's arrow tiles and the cell offset each points along.</summary>
internal static class BoatArrows
{
    public static bool IsArrow(byte tile) => tile is (byte)'>' or (byte)'<' or (byte)'v' or (byte)'^';

    public static int Offset(byte arrow, int width) => arrow switch
    {
        (byte)'>' => 1,
        (byte)'<' => -1,
        (byte)'v' => width,
        _ => -width,
    };
}
