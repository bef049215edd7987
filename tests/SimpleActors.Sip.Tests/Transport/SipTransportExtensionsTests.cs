using SimpleActors.Sip.Transport;

namespace SimpleActors.Sip.Tests.Transport;

public sealed class SipTransportExtensionsTests
{
    [Theory]
    [InlineData(SipTransport.Udp, "UDP")]
    [InlineData(SipTransport.Tcp, "TCP")]
    [InlineData(SipTransport.Tls, "TLS")]
    [InlineData(SipTransport.Ws, "WS")]
    [InlineData(SipTransport.Wss, "WSS")] // RFC 7118 section 5
    public void Each_transport_has_its_via_name_and_is_read_back_from_it(SipTransport transport, string name)
    {
        Assert.Equal(name, transport.ViaName());
        Assert.True(SipTransportExtensions.TryParseViaName(name.ToLowerInvariant(), out var parsed));
        Assert.Equal(transport, parsed);
    }

    [Fact]
    public void WebSocket_transports_are_reliable_secure_when_wss_and_not_content_length_framed()
    {
        Assert.True(SipTransport.Ws.IsReliable());
        Assert.True(SipTransport.Wss.IsReliable());
        Assert.True(SipTransport.Wss.IsWebSocket());
        Assert.False(SipTransport.Tls.IsWebSocket());
        Assert.True(SipTransport.Wss.IsSecure());
        Assert.True(SipTransport.Tls.IsSecure());
        Assert.False(SipTransport.Ws.IsSecure());
        Assert.False(SipTransport.Ws.IsStream()); // RFC 7118 section 4.2: one message per WebSocket message
        Assert.True(SipTransport.Tls.IsStream());
        Assert.False(SipTransportExtensions.TryParseViaName("SCTP", out _));
    }
}
