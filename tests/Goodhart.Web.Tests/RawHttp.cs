using System.Net.Sockets;
using System.Text;

namespace Goodhart.Web.Tests;

/// <summary>Raw HTTP/1.1 over a socket, for what HttpClient will not send: a body that stalls after a few bytes.</summary>
internal static class RawHttp
{
    /// <summary>
    /// POSTs to <paramref name="path"/> announcing a 1,000-byte JSON body, sends only its first bytes, then waits
    /// (at most 30 s) for the server's answer; returns the status code and the raw response text.
    /// </summary>
    public static async Task<(int Status, string Response)> StalledPostAsync(Uri address, string path, IEnumerable<string> headers)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        var head = new StringBuilder()
            .Append($"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n");
        foreach (var header in headers)
            head.Append(header).Append("\r\n");
        head.Append("\r\n{\"model\":");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                    break;
                received.Append(Encoding.UTF8.GetString(buffer, 0, read));
                var text = received.ToString();
                if (text.Contains("\r\n\r\n", StringComparison.Ordinal) && (text.EndsWith("0\r\n\r\n", StringComparison.Ordinal) || text.TrimEnd().EndsWith('}')))
                    break;
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
        }
        var response = received.ToString();
        var status = response.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(response[9..12], System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (status, response);
    }
}
