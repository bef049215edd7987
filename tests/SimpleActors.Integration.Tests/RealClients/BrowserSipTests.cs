using System.Text;

namespace SimpleActors.Integration.Tests.RealClients;

/// <summary>
/// A browser SIP stack: JsSIP 3.13 from npm in Debian's headless Chromium, driven by playwright-core
/// (tests/clients/browser-sip/client.js), against a node with the shipped configuration over <c>ws://</c> and
/// <c>wss://</c> (RFC 7118; the node's self-signed development certificate). It registers with a <c>.invalid</c>
/// Contact, publishes, subscribes to its own presence and gets the NOTIFY, and exchanges MESSAGEs with bob, a UDP
/// client of the same node.
/// </summary>
public sealed class BrowserSipTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task JsSIP_in_chromium_registers_publishes_subscribes_and_exchanges_messages_with_a_udp_client(bool secure)
    {
        var node = ExternalClient.Require("node", "nodejs");
        var chromium = ExternalClient.Require("chromium", "chromium");
        var client = await NpmClient.InstalledAsync("browser-sip", Patience);

        await using var server = await ShippedNodeWithBob.StartAsync();
        var url = secure ? $"wss://{server.Node.Wss}" : $"ws://{server.Node.Ws}";

        var running = ExternalClient.RunAsync(node, [
            Path.Combine(client, "client.js"), "--url", url, "--user", "alice", "--password", "alice-secret", "--domain", "example.com",
            "--to", "sip:bob@example.com", "--text", "hello bob, from the browser", "--note", "in a browser tab", "--chromium", chromium,
            "--wait", "45000"], Patience);
        var fromBrowser = await server.BobReceivesAsync(Patience);
        var toBrowser = await server.Bob.MessageAsync("sip:alice@example.com", "hello browser, from udp", "bob-secret");
        var (exitCode, output) = await running;
        var steps = NpmClient.Steps(output);

        Assert.True(exitCode == 0, output + "\n" + server.Node.Output);
        Assert.Equal(200, steps["REGISTER"].GetProperty("status").GetInt32());
        Assert.Contains(".invalid;transport=ws", steps["REGISTER"].GetProperty("contact").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, steps["PUBLISH"].GetProperty("status").GetInt32());
        Assert.Equal(200, steps["SUBSCRIBE"].GetProperty("status").GetInt32());
        var notify = steps["NOTIFY"].GetProperty("notify");
        Assert.StartsWith("active", notify.GetProperty("state").GetString(), StringComparison.Ordinal);
        Assert.Equal("application/pidf+xml", notify.GetProperty("type").GetString());
        Assert.Contains("<note>in a browser tab</note>", notify.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, steps["MESSAGE"].GetProperty("status").GetInt32());
        Assert.Equal("hello bob, from the browser", Encoding.UTF8.GetString(fromBrowser.Body.Span));
        Assert.Equal(200, toBrowser.StatusCode);
        Assert.Equal("hello browser, from udp", steps["RECEIVED"].GetProperty("body").GetString());
        Assert.Equal("sip:bob@example.com", steps["RECEIVED"].GetProperty("from").GetString());
    }
}
