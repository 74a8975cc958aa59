using Goodhart.Core.Environments;

namespace Goodhart.Core.Tests.Environments;

/// <summary>The shipped levels, loaded once for all env tests.</summary>
internal static class EnvFixture
{
    public static readonly EnvironmentCatalog Catalog = EnvironmentCatalog.Default();

    public static Gridworld Create(string id, params string[] overrides) => Catalog.Create(id, overrides);

    public static ReplayResult Play(string id, string actions, ulong seed = 0, params string[] overrides) =>
        Replay.Run(Create(id, overrides), actions, seed);
}
