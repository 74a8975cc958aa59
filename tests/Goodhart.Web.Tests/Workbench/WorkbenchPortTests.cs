using Goodhart.Core;
using Goodhart.Web.Workbench;

namespace Goodhart.Web.Tests.Workbench;

/// <summary>
/// <see cref="WorkbenchApp.Build"/> is public and takes its options from any caller, not only from <c>goodhart web</c>
/// (whose <c>--port</c> is checked when the command line is parsed), so it keeps its own port check: a port outside
/// 0 to 65535 is a user error naming the port before anything is opened, not Kestrel's exception at start.
/// </summary>
public sealed class WorkbenchPortTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    [InlineData(int.MaxValue)]
    public async Task A_port_outside_0_to_65535_is_a_user_error_before_the_store_is_opened(int port)
    {
        var dir = Path.Combine(Path.GetTempPath(), "goodhart-port-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var store = Path.Combine(dir, "runs.db");
            var e = await Assert.ThrowsAsync<UserInputException>(async () =>
            {
                var app = WorkbenchApp.Build(new WorkbenchOptions { Port = port, StorePath = store });
                await using (app)
                    await app.StartAsync();
            });
            Assert.Equal($"port must be between 0 and 65535, got {port}", e.Message);
            Assert.False(File.Exists(store));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }
}
