namespace Goodhart.Core.Rlhf;

/// <summary>What a gold curve measured along the optimisation pressure shows (<see cref="GoodhartTurn"/>).</summary>
public enum GoodhartTurnVerdict
{
    /// <summary>Gold rose to a peak inside the sweep, then fell to the end by at least the required number of standard errors while the proxy rose.</summary>
    Turn,

    /// <summary>Gold rose to a peak inside the sweep and fell after it, but by fewer standard errors than required.</summary>
    NotSignificant,

    /// <summary>Gold rose and fell, but the proxy did not rise from the peak to the end (no proxy exploited past the peak).</summary>
    ProxyDidNotRise,

    /// <summary>Gold was highest at the first point: it fell (or stayed) from the start, with no rise first.</summary>
    NoRise,

    /// <summary>Gold was highest at the last point: no fall within the sweep.</summary>
    NoFall,
}
