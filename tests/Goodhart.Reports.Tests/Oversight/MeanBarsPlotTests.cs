using Goodhart.Reports.Oversight;
using Goodhart.Core.Tests.Reports;

namespace Goodhart.Core.Tests.Reports.Oversight;

public class MeanBarsPlotTests
{
    [Fact]
    public void Writes_a_png_of_grouped_bars_with_error_whiskers_and_tolerates_missing_values()
    {
        var path = Path.Combine(Path.GetTempPath(), "goodhart-meanbars-" + Guid.NewGuid().ToString("N") + ".png");
        MeanBarsPlot.SavePng("judge accuracy", "accuracy",
        [
            new MeanBar("k = 4", "random", 0.23, 0.01, 3),
            new MeanBar("k = 4", "debate", 0.33, 0.04, 3),
            new MeanBar("k = 6", "random", 0.29, double.NaN, 1),
            new MeanBar("k = 6", "debate", double.NaN, double.NaN, 0),
        ], path);
        PngFile.AssertValid(File.ReadAllBytes(path), MeanBarsPlot.Width, MeanBarsPlot.Height);
        File.Delete(path);
    }
}
