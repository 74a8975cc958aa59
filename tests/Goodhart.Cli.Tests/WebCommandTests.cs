namespace Goodhart.Cli.Tests;

public sealed class WebCommandTests
{
    [Fact]
    public void Web_refuses_a_port_out_of_range_with_exit_code_2()
    {
        var (code, _, error) = CliRunner.Run("web", "--port", "70000");
        Assert.Equal(2, code);
        Assert.Contains("--port: '70000' is not an integer from 0 to 65,535", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Web_refuses_a_store_path_that_is_a_directory()
    {
        var dir = Directory.CreateTempSubdirectory("goodhart-web-cli").FullName;
        try
        {
            var (code, _, error) = CliRunner.Run("web", "--port", "0", "--store", dir);
            Assert.Equal(2, code);
            Assert.Contains("is a directory", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
