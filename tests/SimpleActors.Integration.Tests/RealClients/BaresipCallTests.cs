using System.Text.RegularExpressions;

namespace SimpleActors.Integration.Tests.RealClients;

/// <summary>
/// baresip calling baresip through the node as a stateful proxy (RFC 3261 section 16), headless: both register, bob
/// answers on his own (answermode=auto, "200 Answering"), alice dials and hangs up when she quits. Audio goes through baresip's aubridge
/// module (player to source within each process), so no sound device is needed; G.711 only.
/// </summary>
public sealed class BaresipCallTests
{
    [Fact]
    public async Task Baresip_calls_baresip_through_the_proxy_which_record_routes_the_dialog()
    {
        var baresip = ExternalClient.Require("baresip", "baresip-core");
        await using var node = await NodeProcess.StartShippedAsync();
        using var bobConfig = BaresipFolder.Create(node.Udp.Port, Sipp.FreeUdpPort(), "bob", "bob-secret", ";answermode=auto");
        using var aliceConfig = BaresipFolder.Create(node.Udp.Port, Sipp.FreeUdpPort(), "alice", "alice-secret", string.Empty);

        var bob = ExternalClient.RunAsync(baresip, ["-f", bobConfig.Path, "-s", "-t", "14"], TimeSpan.FromSeconds(40));
        await BobRegisteredAsync(node);
        var (_, aliceTrace) = await ExternalClient.RunAsync(baresip, ["-f", aliceConfig.Path, "-s", "-t", "7", "-e", "/dial sip:bob@example.com"], TimeSpan.FromSeconds(30));
        var (_, bobTrace) = await bob;

        var ourRoute = $"<sip:127.0.0.1:{node.Udp.Port};transport=udp;lr;sa-rr="; // and the dialog's mark

        // The callee got the INVITE with our Record-Route and answered; the caller got the 200 with it (section 16.6 step 4).
        Assert.Matches(new Regex(@"INVITE sip:bob[^@\s]*@127\.0\.0\.1:\d+"), bobTrace);
        Assert.Contains("Record-Route: " + ourRoute, bobTrace, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"SIP/2\.0 200 [^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*?CSeq: \d+ INVITE"), aliceTrace);
        Assert.Contains("Record-Route: " + ourRoute, aliceTrace, StringComparison.Ordinal);

        // The ACK and the BYE of the dialog reached the callee through the proxy (section 16.4, 16.11), and the BYE's 200 came back.
        Assert.Matches(new Regex(@"SIP/2\.0 200 OK\r?\n(?:[^\r\n]+\r?\n)*?CSeq: \d+ BYE"), aliceTrace);
        Assert.Matches(new Regex(@"ACK sip:bob[^@\s]*@127\.0\.0\.1:\d+[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*?Via: SIP/2\.0/UDP 127\.0\.0\.1:" + node.Udp.Port), bobTrace);
        Assert.Matches(new Regex(@"BYE sip:bob[^@\s]*@127\.0\.0\.1:\d+[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*?Via: SIP/2\.0/UDP 127\.0\.0\.1:" + node.Udp.Port), bobTrace);
    }

    private static async Task BobRegisteredAsync(NodeProcess node)
    {
        await using var query = TestPhone.Udp("sip:bob@example.com", node.Udp);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var response = await query.RequestAsync("REGISTER", "sip:example.com", "<sip:bob@example.com>", null, "bob-secret");
            if (response.Contacts.Count > 0)
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail("baresip did not register bob");
    }

    /// <summary>A baresip config folder: SIP on 127.0.0.1, one account through the node, G.711 over the aubridge "devices".</summary>
    private sealed class BaresipFolder(string path) : IDisposable
    {
        public string Path { get; } = path;

        public static BaresipFolder Create(int nodePort, int sipPort, string user, string password, string accountParameters)
        {
            var modules = new[] { "/usr/lib/baresip/modules", "/usr/lib/x86_64-linux-gnu/baresip/modules", "/usr/local/lib/baresip/modules" }
                .FirstOrDefault(Directory.Exists);
            Assert.True(modules is not null, "baresip's modules are not installed (apt-get install baresip-core)");
            var folder = Directory.CreateTempSubdirectory("baresip-").FullName;
            File.WriteAllText(System.IO.Path.Combine(folder, "config"), string.Join('\n',
                "poll_method epoll",
                $"sip_listen 127.0.0.1:{sipPort}",
                $"module_path {modules}",
                "module g711.so",
                "module aubridge.so",
                "module_tmp account.so",
                "module_app menu.so",
                "audio_player aubridge,bridge",
                "audio_source aubridge,bridge",
                "audio_alert aubridge,bridge",
                "rtp_ports 20000-40000") + "\n");
            File.WriteAllText(System.IO.Path.Combine(folder, "accounts"),
                $"<sip:{user}@example.com>;auth_pass={password};outbound=\"sip:127.0.0.1:{nodePort}\";regint=600{accountParameters}\n");
            File.WriteAllText(System.IO.Path.Combine(folder, "contacts"), string.Empty);
            return new BaresipFolder(folder);
        }

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
