using System.Text;

namespace SimpleActors.Integration.Tests.RealClients;

/// <summary>
/// The npm <c>sip</c> package (0.0.6, tests/clients/npm-sip/client.js) against a node with the shipped configuration: it
/// registers, publishes a PIDF, subscribes to its own presence and gets the NOTIFY, and sends bob a MESSAGE, answering
/// each challenge with the package's digest code. That code knows MD5 only and answers the first challenge (with a
/// SHA-256 challenge first it sent algorithm=SHA-256 with an MD5 response and got 403).
/// </summary>
public sealed class NpmSipTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_npm_sip_package_registers_publishes_subscribes_and_sends_a_message()
    {
        var node = ExternalClient.Require("node", "nodejs");
        var client = await NpmClient.InstalledAsync("npm-sip", Patience);

        await using var server = await ShippedNodeWithBob.StartAsync();
        var port = Sipp.FreeUdpPort();

        var running = ExternalClient.RunAsync(node, [
            Path.Combine(client, "client.js"), "--server", $"127.0.0.1:{server.Port}", "--user", "alice", "--password", "alice-secret",
            "--local-port", $"{port}", "--to", "sip:bob@example.com", "--text", "hello bob, from npm sip", "--note", "npm sip at the desk"], Patience);
        var message = await server.BobReceivesAsync(Patience);
        var (exitCode, output) = await running;
        var steps = NpmClient.Steps(output);

        Assert.True(exitCode == 0, output + "\n" + server.Node.Output);
        Assert.Equal(200, steps["REGISTER"].GetProperty("status").GetInt32());
        Assert.Contains(steps["REGISTER"].GetProperty("contact").EnumerateArray(), c => c.GetProperty("uri").GetString() == $"sip:alice@127.0.0.1:{port}");
        Assert.Equal(200, steps["PUBLISH"].GetProperty("status").GetInt32());
        Assert.Equal(200, steps["SUBSCRIBE"].GetProperty("status").GetInt32());
        var notify = steps["NOTIFY"].GetProperty("notify");
        Assert.StartsWith("active", notify.GetProperty("state").GetString(), StringComparison.Ordinal);
        Assert.Equal("application/pidf+xml", notify.GetProperty("type").GetString());
        var pidf = notify.GetProperty("body").GetString()!;
        Assert.Contains("entity=\"sip:alice@example.com\"", pidf, StringComparison.Ordinal);
        Assert.Contains("<basic>open</basic>", pidf, StringComparison.Ordinal);
        Assert.Contains("<note>npm sip at the desk</note>", pidf, StringComparison.Ordinal);
        Assert.Equal(200, steps["MESSAGE"].GetProperty("status").GetInt32());
        Assert.Equal("MESSAGE", message.Method);
        Assert.Equal("hello bob, from npm sip", Encoding.UTF8.GetString(message.Body.Span));
    }
}
