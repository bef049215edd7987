using System.Net;
using System.Net.Sockets;
using System.Text;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Integration.Tests;

/// <summary>Where UDP responses go (RFC 3261 section 18.2.2, RFC 3581 section 4), over real sockets.</summary>
public sealed class ResponseAddressTests : IAsyncLifetime
{
    private TestNode node = null!;

    public async Task InitializeAsync() => node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await node.DisposeAsync();

    private static byte[] Options(int viaPort, bool rport) => Encoding.ASCII.GetBytes(
        "OPTIONS sip:example.com SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP 127.0.0.1:{viaPort};branch=z9hG4bK{Guid.NewGuid():N}{(rport ? ";rport" : string.Empty)}\r\n" +
        "Max-Forwards: 70\r\nTo: <sip:example.com>\r\nFrom: <sip:alice@example.com>;tag=1\r\n" +
        $"Call-ID: {Guid.NewGuid():N}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");

    [Fact]
    public async Task Without_rport_the_response_goes_to_the_sent_by_port_and_with_rport_to_the_source_port()
    {
        using var sender = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var listener = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var listenerPort = ((IPEndPoint)listener.Client.LocalEndPoint!).Port;

        await sender.SendAsync(Options(listenerPort, rport: false), node.Udp);
        var atSentBy = await listener.ReceiveAsync().WaitAsync(TestNode.Timeout);
        await sender.SendAsync(Options(listenerPort, rport: true), node.Udp);
        var atSource = await sender.ReceiveAsync().WaitAsync(TestNode.Timeout);

        Assert.Equal(200, ((SipResponse)new SipParser().Parse(atSentBy.Buffer)).StatusCode);
        var viaRport = ((SipResponse)new SipParser().Parse(atSource.Buffer)).TopVia!;
        Assert.Equal(((IPEndPoint)sender.Client.LocalEndPoint!).Port, viaRport.Rport);
    }
}
