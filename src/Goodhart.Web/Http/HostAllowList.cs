using System.Net;
using Microsoft.AspNetCore.Http;

namespace Goodhart.Web.Http;

/// <summary>
/// The <c>Host</c> header values a server answers, against DNS rebinding (a page on another site whose name is made
/// to resolve to 127.0.0.1 sends its own name as Host): the loopback names (<c>localhost</c>, <c>127.0.0.1</c>,
/// <c>::1</c>), the host the server is bound to (the machine's name too when bound to every address), and the names
/// configured (<see cref="EnvironmentVariable"/>, comma-separated, or the options'; <c>*</c> allows any). Ports are
/// not compared. A request with another Host, or none, is refused with 421.
/// </summary>
public sealed class HostAllowList
{
    /// <summary>Environment variable with extra allowed host names, comma-separated (<c>*</c>: any host).</summary>
    public const string EnvironmentVariable = "GOODHART_ALLOWED_HOSTS";

    private readonly HashSet<string> _names;
    private readonly bool _any;

    private HostAllowList(HashSet<string> names, bool any)
    {
        _names = names;
        _any = any;
    }

    /// <summary>The names allowed (lowercase, IPv6 without brackets), for messages and docs.</summary>
    public IReadOnlyCollection<string> Names => _names;

    /// <summary>
    /// The allow-list for a server bound to <paramref name="boundHosts"/>, with <paramref name="configured"/> names
    /// (null: those of <see cref="EnvironmentVariable"/>).
    /// </summary>
    public static HostAllowList Create(IEnumerable<string> boundHosts, IEnumerable<string>? configured = null)
    {
        ArgumentNullException.ThrowIfNull(boundHosts);
        configured ??= (Environment.GetEnvironmentVariable(EnvironmentVariable) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "localhost", "127.0.0.1", "::1" };
        var any = false;
        foreach (var bound in boundHosts)
        {
            var name = Normalise(bound);
            if (name is "0.0.0.0" or "::" or "*" or "+" or "")
            {
                names.Add(Normalise(Dns.GetHostName()));
                continue;
            }
            names.Add(name);
        }
        foreach (var name in configured)
        {
            if (name.Trim() == "*")
                any = true;
            else
                names.Add(Normalise(name));
        }
        return new HostAllowList(names, any);
    }

    /// <summary>The host part of each URL (e.g. <c>127.0.0.1</c> of <c>http://127.0.0.1:8008</c>).</summary>
    public static IEnumerable<string> HostsOf(IEnumerable<string> urls) =>
        urls.Select(u => Uri.TryCreate(u.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri.Host : u);

    /// <summary>True when the request's Host header names an allowed host.</summary>
    public bool Allows(HostString host)
    {
        if (!host.HasValue)
            return false;
        return _any || _names.Contains(Normalise(host.Host));
    }

    private static string Normalise(string host) => host.Trim().TrimStart('[').TrimEnd(']').TrimEnd('.').ToLowerInvariant();
}
