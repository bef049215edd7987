using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SimpleActors.Integration.Tests.RealClients;

/// <summary>
/// sipsak 0.9.8 against a node with the shipped configuration. sipsak answers the first challenge only, and stops
/// with "unsupported authentication algorithm" when that one is SHA-256: the node offers MD5 first.
/// </summary>
public sealed class SipsakTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Sipsak_registers_with_digest_and_sends_a_message_to_a_registered_user()
    {
        var sipsak = ExternalClient.Require("sipsak", "sipsak");
        await using var server = await ShippedNodeWithBob.StartAsync();
        var contactPort = Sipp.FreeUdpPort();

        // Usrloc mode: REGISTER the given contact (-C) for 600 s (-x), through the node (-p), digest user -u, password -a.
        var register = await ExternalClient.RunAsync(sipsak, [
            "-p", $"127.0.0.1:{server.Port}", "-U", "-C", $"sip:alice@127.0.0.1:{contactPort}", "-x", "600",
            "-s", "sip:alice@example.com", "-u", "alice", "-a", "alice-secret", "-H", "127.0.0.1", "-vv"], Patience);
        var bindings = await server.AliceBindingsAsync($"@127.0.0.1:{contactPort}");

        // Its message mode (-M) crashes in 0.9.8.1 before sending anything; a MESSAGE from a file (-f) is the same request.
        using var folder = new TemporaryFile(Message("alice", "bob", "hello bob, from sipsak"));
        var message = ExternalClient.RunAsync(sipsak, [
            "-p", $"127.0.0.1:{server.Port}", "-f", folder.Path, "-s", "sip:bob@example.com",
            "-u", "alice", "-a", "alice-secret", "-H", "127.0.0.1", "-vv"], Patience);
        var received = await server.BobReceivesAsync();
        var (messageExit, messageOutput) = await message;

        Assert.True(register.ExitCode == 0, register.Output);
        Assert.Contains("completed successful", register.Output, StringComparison.Ordinal);
        Assert.Contains($"sip:alice@127.0.0.1:{contactPort}", bindings);
        Assert.True(messageExit == 0, messageOutput);
        Assert.Equal("MESSAGE", received.Method);
        Assert.Equal("hello bob, from sipsak", Encoding.UTF8.GetString(received.Body.Span));
    }

    [Fact]
    public async Task A_wrong_password_gets_a_re_challenge_and_sipsak_gives_up()
    {
        var sipsak = ExternalClient.Require("sipsak", "sipsak");
        await using var node = await NodeProcess.StartShippedAsync();

        var (exitCode, output) = await ExternalClient.RunAsync(sipsak, [
            "-p", $"127.0.0.1:{node.Udp.Port}", "-U", "-C", $"sip:alice@127.0.0.1:{Sipp.FreeUdpPort()}", "-x", "600",
            "-s", "sip:alice@example.com", "-u", "alice", "-a", "not-alice-secret", "-H", "127.0.0.1", "-vvv"], Patience);

        // The re-challenge has no stale (RFC 7616 section 3.3): sipsak reports the failure after one answer (which it
        // prints twice, the second time with its error), never answering the re-challenge's nonce.
        var answered = Regex.Matches(output, "^Authorization: Digest .*nonce=\"([^\"]+)\"", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEqual(0, exitCode);
        Assert.Contains("authorization failed", output, StringComparison.Ordinal);
        Assert.Single(answered);
        Assert.DoesNotContain("stale=true", output, StringComparison.Ordinal);
    }

    private static string Message(string from, string to, string text) =>
        $"MESSAGE sip:{to}@example.com SIP/2.0\r\n" +
        $"From: <sip:{from}@example.com>;tag=sipsak{from}\r\n" +
        $"To: <sip:{to}@example.com>\r\n" +
        $"Call-ID: sipsak-{Guid.NewGuid():N}@127.0.0.1\r\n" +
        "CSeq: 1 MESSAGE\r\nMax-Forwards: 70\r\nContent-Type: text/plain\r\n" +
        $"Content-Length: {Encoding.UTF8.GetByteCount(text).ToString(CultureInfo.InvariantCulture)}\r\n\r\n{text}";

    private sealed class TemporaryFile : IDisposable
    {
        public TemporaryFile(string content)
        {
            Path = System.IO.Path.GetTempFileName();
            File.WriteAllText(Path, content);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
