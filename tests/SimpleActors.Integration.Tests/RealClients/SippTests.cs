using System.Text;

namespace SimpleActors.Integration.Tests.RealClients;

/// <summary>
/// SIPp 3.6 with the load suite's scenarios (tests/load/scenarios, <c>[authentication]</c>) against a node with the
/// shipped configuration. SIPp answers the first challenge only and knows MD5 only; its digest <c>uri</c> is the
/// server's address (<c>sip:127.0.0.1:port</c>) whatever the Request-URI, which the node accepts as naming itself.
/// </summary>
public sealed class SippTests
{
    [Fact]
    public async Task Sipp_registers_with_digest_and_sends_a_message_to_a_registered_user()
    {
        Assert.True(Sipp.Executable is not null, "SIPp is not installed (apt-get install sip-tester; .ci/run and build.ps1 test install it)");
        await using var server = await ShippedNodeWithBob.StartAsync();
        var contactPort = Sipp.FreeUdpPort();

        var register = await Sipp.RunAsync("register.xml", server.Node.Udp, $"alice;{Sipp.Credentials("alice", "alice-secret")};600;example.com;{contactPort}");
        var bindings = await server.AliceBindingsAsync($"@127.0.0.1:{contactPort}");
        var sending = Sipp.RunAsync("message_uac.xml", server.Node.Udp, $"alice;{Sipp.Credentials("alice", "alice-secret")};example.com;bob");
        var message = await server.BobReceivesAsync();
        var sent = await sending;

        Assert.True(register.ExitCode == 0, register + "\n" + server.Node.Output);
        Assert.Contains("uri=\"sip:127.0.0.1:", register.Messages, StringComparison.Ordinal);
        Assert.Contains($"sip:alice@127.0.0.1:{contactPort};transport=UDP", bindings);
        Assert.True(sent.ExitCode == 0, sent.ToString());
        Assert.Contains("Proxy-Authorization: Digest", sent.Messages, StringComparison.Ordinal);
        Assert.StartsWith("Hello bob, this is alice", Encoding.UTF8.GetString(message.Body.Span), StringComparison.Ordinal);
    }
}
