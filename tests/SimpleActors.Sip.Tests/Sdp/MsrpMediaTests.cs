using SimpleActors.Sip.Sdp;

namespace SimpleActors.Sip.Tests.Sdp;

public class MsrpMediaTests
{
    private const string Session = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";

    private static MediaDescription Media(string lines) => SessionDescription.Parse(Session + SdpVector.Crlf(lines)).Media[0];

    [Fact]
    public void The_rfc_4975_offer_reads_as_msrp()
    {
        var msrp = MsrpMedia.Read(SdpVector.Read("rfc4975-offer"), 0);

        Assert.Equal(7394, msrp.Port);
        Assert.Equal("TCP/MSRP", msrp.Proto);
        Assert.False(msrp.IsTls);
        Assert.Equal(["msrp://alice.example.com:7394/2s93i9ek2a;tcp"], msrp.Path);
        Assert.Equal("msrp://alice.example.com:7394/2s93i9ek2a;tcp", msrp.EndpointUri);
        Assert.Equal(["text/plain"], msrp.AcceptTypes);
        Assert.Empty(msrp.AcceptWrappedTypes);
        Assert.Null(msrp.MaxSize);
        Assert.Null(msrp.Setup);
        Assert.False(msrp.Cema);
        Assert.Null(msrp.ChatRoom);
        Assert.Equal(MediaDirection.SendRecv, msrp.Direction);
        Assert.Equal("alice.example.com", msrp.Connection!.Address);
    }

    [Fact]
    public void The_blink_offer_reads_with_tls_wrapped_types_and_actpass()
    {
        var offer = SdpVector.Read("blink-audio-chat-offer");

        Assert.False(MsrpMedia.IsMsrp(offer.Media[0]));
        var msrp = MsrpMedia.Read(offer, 1);

        Assert.True(msrp.IsTls);
        Assert.Equal("msrps://192.0.2.10:2855/b7e1e3c4a1f24c0d9e5a;tcp", msrp.EndpointUri);
        Assert.Equal(["message/cpim", "text/*", "image/*", "application/im-iscomposing+xml"], msrp.AcceptTypes);
        Assert.Equal(6, msrp.AcceptWrappedTypes.Count);
        Assert.Equal(SetupRole.ActPass, msrp.Setup);
        Assert.Equal(MessageAcceptance.Direct, msrp.Accepts("text/plain;charset=utf-8"));
        Assert.Equal(MessageAcceptance.WrappedInCpim, msrp.Accepts("application/blink-icon"));
        Assert.Equal(MessageAcceptance.NotAccepted, msrp.Accepts("application/pdf"));
    }

    [Fact]
    public void Every_msrp_attribute_is_read()
    {
        var msrp = MsrpMedia.Read(Media("""
            m=message 2855 tcp/tls/msrp *
            a=path:msrps://relay.example.net:2855/aZ9;tcp   msrps://[2001:db8::5]:7001/x/y=+;tcp;extra
            a=accept-types:*
            a=accept-wrapped-types:text/plain
            a=max-size:131072
            a=setup:HoldConn
            a=msrp-cema
            a=chatroom:nickname private-messages com.example.x
            a=recvonly

            """));

        Assert.True(msrp.IsTls);
        Assert.Equal(["msrps://relay.example.net:2855/aZ9;tcp", "msrps://[2001:db8::5]:7001/x/y=+;tcp;extra"], msrp.Path);
        Assert.Equal("msrps://relay.example.net:2855/aZ9;tcp", msrp.FirstHop);
        Assert.Equal(131072, msrp.MaxSize);
        Assert.Equal(SetupRole.HoldConn, msrp.Setup);
        Assert.True(msrp.Cema);
        Assert.Equal(["nickname", "private-messages", "com.example.x"], msrp.ChatRoom);
        Assert.Equal(MediaDirection.RecvOnly, msrp.Direction);
        Assert.Null(msrp.Connection);
    }

    [Theory]
    [InlineData("m=audio 9 RTP/AVP 0\r\na=path:msrp://h/s;tcp\r\na=accept-types:*\r\n", "not MSRP media")]
    [InlineData("m=message 9 TCP/WSS/MSRP *\r\na=path:msrp://h/s;ws\r\na=accept-types:*\r\n", "not MSRP media")]
    [InlineData("m=message 0 TCP/MSRP *\r\n", "port 0")]
    [InlineData("m=message 9 TCP/MSRP *\r\na=accept-types:*\r\n", "a=path is missing")]
    [InlineData("m=message 9 TCP/MSRP *\r\na=path: \r\na=accept-types:*\r\n", "a=path is missing")]
    [InlineData("m=message 9 TCP/MSRP *\r\na=path:sip:alice@example.com\r\na=accept-types:*\r\n", "not an msrp://")]
    [InlineData("m=message 9 TCP/MSRP *\r\na=path:msrp://h/s;tcp http://h/\r\na=accept-types:*\r\n", "not an msrp://")]
    [InlineData("m=message 9 TCP/MSRP *\r\na=path:msrp:///s;tcp\r\na=accept-types:*\r\n", "not an msrp://")]
    [InlineData("m=message 9 TCP/MSRP *\r\na=path:msrp://h:99999/s;tcp\r\na=accept-types:*\r\n", "not an msrp://")]
    [InlineData("m=message 9 TCP/MSRP *\r\na=path:msrp://[::1/s;tcp\r\na=accept-types:*\r\n", "not an msrp://")]
    [InlineData("m=message 9 TCP/MSRP *\r\na=path:msrp://h/s;tcp\r\n", "a=accept-types is missing")]
    [InlineData("m=message 9 TCP/MSRP *\r\na=path:msrp://h/s;tcp\r\na=accept-types:\r\n", "a=accept-types is missing")]
    [InlineData("m=message 9 TCP/MSRP *\r\na=path:msrp://h/s;tcp\r\na=accept-types:*\r\na=max-size:lots\r\n", "a=max-size")]
    [InlineData("m=message 9 TCP/MSRP *\r\na=path:msrp://h/s;tcp\r\na=accept-types:*\r\na=setup:sometimes\r\n", "a=setup")]
    public void Unusable_msrp_media_is_refused_with_the_reason(string lines, string reason)
    {
        var media = Media(lines);

        Assert.False(MsrpMedia.TryRead(media, null, out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        Assert.Contains(reason, Assert.Throws<SdpFormatException>(() => MsrpMedia.Read(media)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Relays_go_in_front_of_the_path_in_place()
    {
        var offer = SdpVector.Read("rfc4975-offer");
        var msrp = MsrpMedia.Read(offer, 0);

        var relayed = msrp.WithRelays(["msrps://relay.example.com:2855/r3l4y;tcp"]);

        Assert.Equal(["msrps://relay.example.com:2855/r3l4y;tcp", "msrp://alice.example.com:7394/2s93i9ek2a;tcp"], relayed.Path);
        Assert.Equal(msrp.EndpointUri, relayed.EndpointUri);
        Assert.Equal(
            "a=path:msrps://relay.example.com:2855/r3l4y;tcp msrp://alice.example.com:7394/2s93i9ek2a;tcp",
            relayed.Description.Lines[2].ToString());
        Assert.Equal(msrp.Description.Lines.Count, relayed.Description.Lines.Count);
        Assert.Equal(msrp.Connection, relayed.Connection);
        Assert.Throws<ArgumentException>(() => msrp.WithRelays(["sip:relay.example.com"]));
        Assert.Throws<ArgumentException>(() => msrp.WithPath([]));
    }

    [Fact]
    public void A_middlebox_anchoring_cema_rewrites_c_and_m_only()
    {
        var offer = SdpVector.Read("rfc6714-offer");
        var msrp = MsrpMedia.Read(offer, 0);

        var anchored = msrp.WithTransportAddress("198.51.100.1", 50000);

        Assert.Equal(SdpVector.Read("rfc6714-offer-anchored"), offer.WithMedia(0, anchored.Description));
        Assert.Equal(msrp.Path, anchored.Path);
    }

    [Fact]
    public void A_cema_endpoint_aligns_c_and_m_with_its_first_hop()
    {
        var msrp = MsrpMedia.Read(SdpVector.Read("rfc4975-offer"), 0)
            .WithRelays(["msrp://[2001:db8::7]:2856/r;tcp"])
            .WithTransportAddressOfFirstHop();

        Assert.Equal(2856, msrp.Port);
        Assert.Equal(new SdpConnection("IN", "IP6", "2001:db8::7"), msrp.Connection);
        Assert.Equal("c=IN IP6 2001:db8::7", msrp.Description.Lines[1].ToString());
    }

    [Fact]
    public void Unknown_attributes_of_a_file_transfer_offer_are_kept()
    {
        var msrp = MsrpMedia.Read(Media("""
            m=message 7654 TCP/MSRP *
            i=This is my latest picture
            a=sendonly
            a=accept-types:message/cpim
            a=accept-wrapped-types:*
            a=path:msrp://atlanta.example.com:7654/jshA7we;tcp
            a=file-selector:name:"My cool picture.jpg" type:image/jpeg size:32349
            a=file-transfer-id:vBnG916bdberum2fFEABR1FR3ExZMUrd

            """));

        var relayed = msrp.WithRelays(["msrp://relay.example.com/r;tcp"]);

        Assert.Equal(MediaDirection.SendOnly, msrp.Direction);
        Assert.Equal(
            msrp.Description.Lines.Where(l => !l.Value.StartsWith("path:", StringComparison.Ordinal)),
            relayed.Description.Lines.Where(l => !l.Value.StartsWith("path:", StringComparison.Ordinal)));
    }
}
