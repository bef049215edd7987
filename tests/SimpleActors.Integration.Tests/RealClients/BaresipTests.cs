using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SimpleActors.Integration.Tests.RealClients;

/// <summary>
/// baresip 1.0 (Debian's baresip-core, on libre 1.x) headless against a node with the shipped configuration. libre 1.x
/// gives up on a 401 that holds any challenge it cannot answer ("Function not implemented" at SHA-256), so the node
/// sends it the first challenge only (MD5).
/// </summary>
public sealed class BaresipTests
{
    private static readonly TimeSpan Run = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task Baresip_registers_with_digest_and_sends_a_message_to_a_registered_user()
    {
        var baresip = ExternalClient.Require("baresip", "baresip-core");
        await using var server = await ShippedNodeWithBob.StartAsync();
        var port = Sipp.FreeUdpPort();
        using var config = Config(server.Port, port, "alice-secret");

        // -s traces every SIP message; -t quits (and unregisters) after Run; the command runs once baresip is up.
        var running = ExternalClient.RunAsync(baresip, ["-f", config.Path, "-s", "-t", Seconds(Run), "-e", "/message hello bob, from baresip"], Run * 3);
        var message = await server.BobReceivesAsync();
        var bindings = await server.AliceBindingsAsync($"@127.0.0.1:{port}");
        var (_, trace) = await running;

        Assert.Equal("MESSAGE", message.Method);
        Assert.Equal("hello bob, from baresip", Encoding.UTF8.GetString(message.Body.Span));
        Assert.Matches(new Regex(@"SIP/2\.0 200 OK\r?\n(?:[^\r\n]+\r?\n)*?CSeq: \d+ REGISTER"), trace);
        Assert.DoesNotContain("Function not implemented", trace, StringComparison.Ordinal);
        Assert.Contains(bindings, c => c.Contains($"@127.0.0.1:{port}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Baresip_registers_over_tls_and_its_message_reaches_a_udp_client()
    {
        var baresip = ExternalClient.Require("baresip", "baresip-core");
        await using var server = await ShippedNodeWithBob.StartAsync();
        var ca = Path.Combine(server.Node.Folder, "data", "certs", "ca.pem"); // the development certificate made on first start
        using var config = Config(server.Node.Tls.Port, Sipp.FreeUdpPort(), "alice-secret", ca);

        var running = ExternalClient.RunAsync(baresip, ["-f", config.Path, "-s", "-t", Seconds(Run), "-e", "/message hello bob, over tls"], Run * 3);
        var message = await server.BobReceivesAsync();
        var (_, trace) = await running;

        // RFC 3261 section 26: baresip checks the node's certificate against the authority it was given, then registers.
        Assert.Matches(new Regex(@"TLS 127\.0\.0\.1:\d+ -> 127\.0\.0\.1:" + server.Node.Tls.Port + @"\r?\nREGISTER"), trace);
        Assert.Matches(new Regex(@"SIP/2\.0 200 OK\r?\nVia: SIP/2\.0/TLS (?:[^\r\n]+\r?\n)*?CSeq: \d+ REGISTER"), trace);
        Assert.Equal("hello bob, over tls", Encoding.UTF8.GetString(message.Body.Span));
    }

    [Fact]
    public async Task A_wrong_password_gets_a_re_challenge_then_403_and_baresip_stops()
    {
        var baresip = ExternalClient.Require("baresip", "baresip-core");
        await using var node = await NodeProcess.StartShippedAsync();
        using var config = Config(node.Udp.Port, Sipp.FreeUdpPort(), "not-alice-secret");

        var (_, trace) = await ExternalClient.RunAsync(baresip, ["-f", config.Path, "-s", "-t", "4"], Run * 3);

        // RFC 7616 section 3.3: the first wrong answer is challenged again without stale; the same answer again is 403.
        // Without the 403 libre answers every new challenge with the same password, up to 16 REGISTERs in a burst.
        Assert.Equal(2, Regex.Count(trace, @"^Authorization: Digest", RegexOptions.Multiline));
        Assert.Contains("SIP/2.0 403 Wrong credentials", trace, StringComparison.Ordinal);
        Assert.DoesNotContain("SIP/2.0 200 OK", trace, StringComparison.Ordinal);
    }

    private static string Seconds(TimeSpan span) => ((int)span.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A baresip config folder: SIP on 127.0.0.1 only, the account of alice through the node, no audio or video; over TLS
    /// to <paramref name="nodePort"/> when <paramref name="caFile"/> names the authority to trust.
    /// </summary>
    private static BaresipConfig Config(int nodePort, int sipPort, string password, string? caFile = null)
    {
        var modules = new[] { "/usr/lib/baresip/modules", "/usr/lib/x86_64-linux-gnu/baresip/modules", "/usr/local/lib/baresip/modules" }
            .FirstOrDefault(Directory.Exists);
        Assert.True(modules is not null, "baresip's modules are not installed (apt-get install baresip-core)");
        var folder = Directory.CreateTempSubdirectory("baresip-").FullName;
        File.WriteAllText(Path.Combine(folder, "config"), string.Join('\n',
            "poll_method epoll",
            $"sip_listen 127.0.0.1:{sipPort}",
            caFile is null ? string.Empty : $"sip_cafile {caFile}",
            $"module_path {modules}",
            "module_tmp account.so",
            "module_app menu.so",
            "module_app contact.so") + "\n");
        File.WriteAllText(Path.Combine(folder, "accounts"),
            caFile is null
                ? $"<sip:alice@example.com>;auth_pass={password};outbound=\"sip:127.0.0.1:{nodePort}\";regint=600\n"
                : $"<sip:alice@example.com;transport=tls>;auth_pass={password};outbound=\"sip:127.0.0.1:{nodePort};transport=tls\";regint=600\n");
        // The contact module's current contact is the first one: /message writes to bob.
        File.WriteAllText(Path.Combine(folder, "contacts"), "\"Bob\" <sip:bob@example.com>\n");
        return new BaresipConfig(folder);
    }

    private sealed class BaresipConfig(string path) : IDisposable
    {
        public string Path { get; } = path;

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temp folder.
            }
        }
    }
}
