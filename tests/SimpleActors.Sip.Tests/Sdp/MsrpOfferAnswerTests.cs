using SimpleActors.Sip.Sdp;

namespace SimpleActors.Sip.Tests.Sdp;

public class MsrpOfferAnswerTests
{
    private static readonly MsrpEndpointParameters Bob4975 = new()
    {
        Path = ["msrp://bob.example.com:8493/si438dsaodes;tcp"],
        AcceptTypes = ["text/plain"],
    };

    private static readonly MsrpEndpointParameters Bob6135 = new()
    {
        Path = ["msrp://192.0.2.2:54111/kjhd37s2s20w2a;tcp"],
        AcceptTypes = ["message/cpim", "text/plain"],
        AnswerSetup = SetupRole.Active,
    };

    private static readonly MsrpEndpointParameters Bob6714 = new()
    {
        Path = ["msrp://203.0.113.2:8493/si438dsaodes;tcp"],
        AcceptTypes = ["message/cpim", "text/plain"],
        SupportsCema = true,
    };

    private static readonly MsrpEndpointParameters Focus = new()
    {
        Path = ["msrps://198.51.100.20:2855/Zm9jdXMtc2Vzc2lvbi0x;tcp"],
        AcceptTypes = ["message/cpim"],
        AcceptWrappedTypes = ["*"],
        ChatRoom = ["nickname", "private-messages"],
    };

    private static MsrpMedia Msrp(string vector) => MsrpMedia.Read(SdpVector.Read(vector), 0);

    private static MsrpMedia Accepted(MsrpAnswer answer) => Assert.IsType<MsrpAnswer.Accepted>(answer).Media;

    private static MsrpRejection Rejected(MsrpAnswer answer) => Assert.IsType<MsrpAnswer.Rejected>(answer).Rejection;

    [Fact]
    public void Rfc_4975_the_answer_to_the_example_offer_is_the_examples_answer_and_alice_connects_to_bobs_path()
    {
        var offer = Msrp("rfc4975-offer");

        var answer = Accepted(MsrpOfferAnswer.Answer(offer, Bob4975));

        Assert.Equal(SdpVector.Read("rfc4975-answer").Media[0], answer.Description);
        var alice = MsrpOfferAnswer.Conclude(offer, Msrp("rfc4975-answer"), localIsOfferer: true);
        Assert.True(alice.IsValid);
        Assert.Equal(ConnectionOpener.Offerer, alice.Connection.Opener);
        Assert.True(alice.LocalConnects);
        Assert.Equal(new MsrpConnectTarget("bob.example.com", 8493, Tls: false), alice.ConnectTo);
        Assert.Equal("msrp://alice.example.com:7394/2s93i9ek2a;tcp", alice.LocalUri);
        Assert.Equal("2s93i9ek2a", alice.LocalSessionId);
        Assert.Equal(["msrp://bob.example.com:8493/si438dsaodes;tcp"], alice.PeerPath);
        Assert.Equal("si438dsaodes", alice.PeerSessionId);
        Assert.False(alice.Cema);
        var bob = MsrpOfferAnswer.Conclude(answer, offer, localIsOfferer: false);
        Assert.False(bob.LocalConnects);
        Assert.Null(bob.ConnectTo);
        Assert.Equal("msrp://alice.example.com:7394/2s93i9ek2a;tcp", bob.PeerUri);
        Assert.Equal(MessageAcceptance.Direct, bob.PeerAccepts("text/plain"));
        Assert.Equal(MessageAcceptance.NotAccepted, bob.PeerAccepts("text/html"));
    }

    [Fact]
    public void Rfc_6135_an_actpass_offer_answered_active_makes_the_answerer_connect()
    {
        var offer = Msrp("rfc6135-offer");

        var answer = Accepted(MsrpOfferAnswer.Answer(offer, Bob6135));

        Assert.Equal(SdpVector.Read("rfc6135-answer").Media[0], answer.Description);
        Assert.Equal(MsrpOfferAnswer.DiscardPort, answer.Port);
        var bob = MsrpOfferAnswer.Conclude(answer, offer, localIsOfferer: false);
        Assert.Equal(ConnectionOpener.Answerer, bob.Connection.Opener);
        Assert.True(bob.LocalConnects);
        Assert.Equal(new MsrpConnectTarget("192.0.2.1", 54000, Tls: false), bob.ConnectTo);
        var alice = MsrpOfferAnswer.Conclude(offer, Msrp("rfc6135-answer"), localIsOfferer: true);
        Assert.False(alice.LocalConnects);
        Assert.True(alice.IsValid);
    }

    [Fact]
    public void Rfc_6135_an_actpass_offer_answered_passive_keeps_the_offerer_connecting()
    {
        var offer = Msrp("rfc6135-offer");

        var answer = Accepted(MsrpOfferAnswer.Answer(offer, Bob6135 with { AnswerSetup = SetupRole.Passive }));

        Assert.Equal(SetupRole.Passive, answer.Setup);
        Assert.Equal(54111, answer.Port);
        Assert.True(MsrpOfferAnswer.Conclude(offer, answer, localIsOfferer: true).LocalConnects);
    }

    [Fact]
    public void Rfc_6714_cema_on_both_ends_connects_to_the_anchored_c_and_m_and_matches_by_session_id()
    {
        var offer = Msrp("rfc6714-offer");
        var anchoredOffer = Msrp("rfc6714-offer-anchored");

        var answer = Accepted(MsrpOfferAnswer.Answer(anchoredOffer, Bob6714));

        Assert.Equal(SdpVector.Read("rfc6714-answer").Media[0], answer.Description);
        var anchoredAnswer = answer.WithTransportAddress("198.51.100.2", 50002);
        Assert.Equal(SdpVector.Read("rfc6714-answer-anchored").Media[0], anchoredAnswer.Description);

        var alice = MsrpOfferAnswer.Conclude(offer, anchoredAnswer, localIsOfferer: true);
        Assert.True(alice.Cema);
        Assert.True(alice.LocalConnects);
        Assert.Equal(new MsrpConnectTarget("198.51.100.2", 50002, Tls: false), alice.ConnectTo);
        Assert.Equal("2s93i93idd", alice.LocalSessionId);
        Assert.Equal("si438dsaodes", alice.PeerSessionId);

        var bob = MsrpOfferAnswer.Conclude(answer, anchoredOffer, localIsOfferer: false);
        Assert.True(bob.Cema);
        Assert.False(bob.LocalConnects);
        Assert.Equal("2s93i93idd", bob.PeerSessionId);
    }

    [Fact]
    public void Rfc_6714_without_cema_at_the_answerer_the_path_decides_where_to_connect()
    {
        var offer = Msrp("rfc6714-offer");

        var answer = Accepted(MsrpOfferAnswer.Answer(Msrp("rfc6714-offer-anchored"), Bob6714 with { SupportsCema = false }));
        var anchoredAnswer = answer.WithTransportAddress("198.51.100.2", 50002);

        Assert.False(answer.Cema);
        Assert.Null(answer.Connection);
        var alice = MsrpOfferAnswer.Conclude(offer, anchoredAnswer, localIsOfferer: true);
        Assert.False(alice.Cema);
        Assert.Equal(new MsrpConnectTarget("203.0.113.2", 8493, Tls: false), alice.ConnectTo);
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(true, true, true)]
    public void Cema_is_echoed_only_when_offered_and_supported(bool offered, bool supported, bool echoed)
    {
        var offer = Msrp("rfc6714-offer");
        offer = offered ? offer : MsrpMedia.Read(offer.Description.WithoutAttribute("msrp-cema"));

        var answer = Accepted(MsrpOfferAnswer.Answer(offer, Bob6714 with { SupportsCema = supported }));

        Assert.Equal(echoed, answer.Cema);
        Assert.Equal(echoed, answer.Description.Attribute("msrp-cema") is not null);
    }

    [Fact]
    public void A_blink_audio_and_chat_offer_is_answered_by_a_chat_room_focus()
    {
        var offer = SdpVector.Read("blink-audio-chat-offer");
        var origin = new SdpOrigin("-", "3916042601", "3916042601", "IN", "IP4", "198.51.100.20");

        var answer = Assert.IsType<MsrpSessionAnswer.Accepted>(MsrpOfferAnswer.AnswerSession(offer, Focus, origin));

        Assert.Equal(SdpVector.Bytes("focus-chatroom-answer"), answer.Description.ToBytes());
        Assert.Equal(1, answer.MediaIndex);
        var focus = MsrpOfferAnswer.Conclude(answer.Media, MsrpMedia.Read(offer, 1), localIsOfferer: false);
        Assert.False(focus.LocalConnects);
        Assert.Equal("msrps://192.0.2.10:2855/b7e1e3c4a1f24c0d9e5a;tcp", focus.PeerUri);
        Assert.Equal(MessageAcceptance.Direct, focus.PeerAccepts("message/cpim"));
        Assert.Equal(MessageAcceptance.WrappedInCpim, focus.PeerAccepts("application/blink-zrtp-sas"));
        var blink = MsrpOfferAnswer.Conclude(MsrpMedia.Read(offer, 1), MsrpMedia.Read(answer.Description, 1), localIsOfferer: true);
        Assert.Equal(new MsrpConnectTarget("198.51.100.20", 2855, Tls: true), blink.ConnectTo);
        Assert.Equal(["nickname", "private-messages"], MsrpMedia.Read(answer.Description, 1).ChatRoom);
    }

    [Fact]
    public void Only_the_first_answerable_msrp_stream_is_taken()
    {
        var offer = SessionDescription.Parse(SdpVector.Crlf("""
            v=0
            o=- 1 1 IN IP4 192.0.2.1
            s=-
            c=IN IP4 192.0.2.1
            t=3034423619 0
            m=message 7000 TCP/MSRP *
            a=accept-types:image/png
            a=path:msrp://192.0.2.1:7000/a;tcp
            m=message 7001 TCP/MSRP *
            a=accept-types:text/plain
            a=path:msrp://192.0.2.1:7001/b;tcp
            m=message 7002 TCP/MSRP *
            a=accept-types:text/plain
            a=path:msrp://192.0.2.1:7002/c;tcp

            """));

        var answer = Assert.IsType<MsrpSessionAnswer.Accepted>(MsrpOfferAnswer.AnswerSession(offer, Bob4975, new SdpOrigin("-", "2", "2", "IN", "IP4", "bob.example.com")));

        Assert.Equal(1, answer.MediaIndex);
        Assert.Equal([0, 8493, 0], answer.Description.Media.Select(m => m.MediaLine.Port));
        Assert.Equal("3034423619 0", answer.Description.SessionLines.Single(l => l.Type == 't').Value);
        Assert.Equal("IN IP4 bob.example.com", answer.Description.Connection!.ToString());
        Assert.Equal(answer.Description, SessionDescription.Parse(answer.Description.ToBytes()));
    }

    [Fact]
    public void An_offer_without_usable_msrp_is_rejected_with_488()
    {
        var audioOnly = SessionDescription.Parse("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 h\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n");
        var badMsrp = SessionDescription.Parse("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 h\r\nt=0 0\r\nm=message 4000 TCP/MSRP *\r\na=accept-types:*\r\n");
        var origin = new SdpOrigin("-", "1", "1", "IN", "IP4", "h");

        var none = Assert.IsType<MsrpSessionAnswer.Rejected>(MsrpOfferAnswer.AnswerSession(audioOnly, Bob4975, origin)).Rejection;
        var bad = Assert.IsType<MsrpSessionAnswer.Rejected>(MsrpOfferAnswer.AnswerSession(badMsrp, Bob4975, origin)).Rejection;

        Assert.Equal(MsrpRejectionReason.NotMsrp, none.Reason);
        Assert.Equal(MsrpRejectionReason.InvalidMedia, bad.Reason);
        Assert.Contains("a=path", bad.Detail, StringComparison.Ordinal);
        Assert.Equal(488, MsrpRejection.SipStatusCode);
    }

    [Theory]
    [InlineData("m=audio 4000 RTP/AVP 0\r\n", MsrpRejectionReason.NotMsrp, 304)]
    [InlineData("m=message 4000 TCP/WS/MSRP *\r\na=accept-types:*\r\na=path:msrp://h/s;ws\r\n", MsrpRejectionReason.NotMsrp, 304)]
    [InlineData("m=message 0 TCP/MSRP *\r\n", MsrpRejectionReason.StreamRemoved, 304)]
    [InlineData("m=message 4000 TCP/TLS/MSRP *\r\na=accept-types:*\r\na=path:msrps://h/s;tcp\r\n", MsrpRejectionReason.TransportMismatch, 302)]
    [InlineData("m=message 4000 TCP/MSRP *\r\na=accept-types:image/png\r\na=path:msrp://h/s;tcp\r\n", MsrpRejectionReason.NoCommonMediaType, 305)]
    [InlineData("m=message 4000 TCP/MSRP *\r\na=accept-types:text/plain\r\na=path:msrp://h/s;tcp\r\na=setup:later\r\n", MsrpRejectionReason.InvalidMedia, 306)]
    public void Offers_that_cannot_be_taken_are_refused_with_a_reason_and_a_warning_code(string lines, MsrpRejectionReason reason, int warning)
    {
        var media = SessionDescription.Parse("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\n" + lines).Media[0];

        var rejection = Rejected(MsrpOfferAnswer.Answer(media, Bob4975));

        Assert.Equal(reason, rejection.Reason);
        Assert.Equal(warning, rejection.WarningCode);
        Assert.False(string.IsNullOrEmpty(rejection.Detail));
    }

    public static TheoryData<SetupRole?, SetupRole, SetupRole?, int> SetupAnswers() => new()
    {
        // offer setup,       preferred answer,   answer setup,       m= port
        { null, SetupRole.Passive, null, 8493 },
        { null, SetupRole.Active, null, 8493 },
        { SetupRole.ActPass, SetupRole.Passive, SetupRole.Passive, 8493 },
        { SetupRole.ActPass, SetupRole.Active, SetupRole.Active, 9 },
        { SetupRole.Active, SetupRole.Active, SetupRole.Passive, 8493 },
        { SetupRole.Passive, SetupRole.Passive, SetupRole.Active, 9 },
        { SetupRole.HoldConn, SetupRole.Passive, SetupRole.HoldConn, 9 },
    };

    [Theory]
    [MemberData(nameof(SetupAnswers))]
    public void The_answers_setup_follows_rfc_6135_and_always_makes_a_valid_pair(SetupRole? offered, SetupRole preferred, SetupRole? answered, int port)
    {
        var offer = Msrp("rfc4975-offer");
        if (offered is { } role)
        {
            offer = MsrpMedia.Read(offer.Description.WithAttribute(new SdpAttribute("setup", role.ToString().ToLowerInvariant())));
        }

        var answer = Accepted(MsrpOfferAnswer.Answer(offer, Bob4975 with { AnswerSetup = preferred }));

        Assert.Equal(answered, answer.Setup);
        Assert.Equal(port, answer.Port);
        Assert.True(ConnectionDecision.For(offer.Setup, answer.Setup).IsValid);
    }

    [Theory]
    [InlineData("sendrecv", MediaDirection.SendRecv, MediaDirection.SendRecv)]
    [InlineData("sendonly", MediaDirection.SendRecv, MediaDirection.RecvOnly)]
    [InlineData("recvonly", MediaDirection.SendRecv, MediaDirection.SendOnly)]
    [InlineData("inactive", MediaDirection.SendRecv, MediaDirection.Inactive)]
    [InlineData("sendrecv", MediaDirection.RecvOnly, MediaDirection.RecvOnly)]
    [InlineData("recvonly", MediaDirection.RecvOnly, MediaDirection.Inactive)]
    public void The_answers_direction_mirrors_the_offer_within_what_this_end_wants(string offered, MediaDirection wanted, MediaDirection answered)
    {
        var offer = MsrpMedia.Read(Msrp("rfc4975-offer").Description.Append(new SdpAttribute(offered).ToLine()));

        var answer = Accepted(MsrpOfferAnswer.Answer(offer, Bob4975 with { Direction = wanted }));

        Assert.Equal(answered, answer.Direction);
        Assert.Equal(answered != MediaDirection.SendRecv, answer.Description.Attributes.Any(a => a.Value is null));
    }

    [Fact]
    public void The_answer_offers_the_common_types_and_its_wrapped_types_only_with_cpim()
    {
        var offer = Msrp("rfc6135-offer");

        var withCpim = Accepted(MsrpOfferAnswer.Answer(offer, Bob6135 with { AcceptTypes = ["*"], AcceptWrappedTypes = ["image/*"], MaxSize = 65536 }));
        var withoutCpim = Accepted(MsrpOfferAnswer.Answer(offer, Bob6135 with { AcceptTypes = ["text/*"], AcceptWrappedTypes = ["image/*"] }));

        Assert.Equal(["message/cpim", "text/plain"], withCpim.AcceptTypes);
        Assert.Equal(["image/*"], withCpim.AcceptWrappedTypes);
        Assert.Equal(65536, withCpim.MaxSize);
        Assert.Equal(["text/plain"], withoutCpim.AcceptTypes);
        Assert.Empty(withoutCpim.AcceptWrappedTypes);
    }

    [Fact]
    public void An_offer_says_actpass_and_cema_with_c_and_m_at_the_first_hop()
    {
        var local = new MsrpEndpointParameters
        {
            Path = ["msrps://relay.example.net:2855/r1;tcp", "msrps://client.example.org:40000/me;tcp"],
            AcceptTypes = ["message/cpim", "text/plain"],
            AcceptWrappedTypes = ["*"],
            MaxSize = 1048576,
            SupportsCema = true,
        };

        var offer = MsrpOfferAnswer.Offer(local);

        Assert.Equal(
            SdpVector.Crlf("""
                m=message 2855 TCP/TLS/MSRP *
                c=IN IP4 relay.example.net
                a=accept-types:message/cpim text/plain
                a=accept-wrapped-types:*
                a=max-size:1048576
                a=path:msrps://relay.example.net:2855/r1;tcp msrps://client.example.org:40000/me;tcp
                a=setup:actpass
                a=msrp-cema

                """),
            offer.Description.ToString());
        var answer = Accepted(MsrpOfferAnswer.Answer(offer, Bob6714 with { Path = ["msrps://203.0.113.2/x;tcp"] }));
        var negotiation = MsrpOfferAnswer.Conclude(offer, answer, localIsOfferer: true);
        Assert.True(negotiation.IsValid);
        Assert.True(negotiation.Cema);
        Assert.Equal(new MsrpConnectTarget("203.0.113.2", 2855, Tls: true), negotiation.ConnectTo);
    }

    [Fact]
    public void An_answer_that_changes_the_proto_is_a_problem()
    {
        var offer = Msrp("rfc4975-offer");
        var answer = MsrpMedia.Read(Msrp("rfc4975-answer").Description.WithMediaLine(new SdpMediaLine("message", 8493, "TCP/TLS/MSRP", ["*"])));

        var negotiation = MsrpOfferAnswer.Conclude(offer, answer, localIsOfferer: true);

        Assert.False(negotiation.IsValid);
        Assert.Contains("proto", negotiation.Problem!, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_that_cannot_make_msrp_media_are_refused()
    {
        var offer = Msrp("rfc4975-offer");

        Assert.Throws<ArgumentException>(() => MsrpOfferAnswer.Answer(offer, Bob4975 with { AnswerSetup = SetupRole.ActPass }));
        Assert.Throws<ArgumentException>(() => MsrpOfferAnswer.Answer(offer, Bob4975 with { Path = [] }));
        Assert.Throws<ArgumentException>(() => MsrpOfferAnswer.Answer(offer, Bob4975 with { Path = ["bob.example.com"] }));
        Assert.Throws<ArgumentException>(() => MsrpOfferAnswer.Answer(offer, Bob4975 with { AcceptTypes = [] }));
        Assert.Throws<ArgumentException>(() => MsrpOfferAnswer.Offer(Bob4975 with { AcceptTypes = ["text/plain text/html"] }));
    }

    [Theory]
    [InlineData("msrp://alice.example.com:7394/2s93i9ek2a;tcp", false)]
    [InlineData("MSRP://Alice.Example.COM:7394/2s93i9ek2a;TCP", false)]
    [InlineData("msrp://user@alice.example.com:7394/2s93i9ek2a;tcp", false)]
    [InlineData("msrp://alice.example.com:7394/2S93I9EK2A;tcp", true)]
    [InlineData("msrp://alice.example.com:7395/2s93i9ek2a;tcp", true)]
    [InlineData("msrps://alice.example.com:7394/2s93i9ek2a;tcp", true)]
    [InlineData("msrp://alice2.example.com:7394/2s93i9ek2a;tcp", true)]
    [InlineData("msrps://relay.example.com/r;tcp msrp://alice.example.com:7394/2s93i9ek2a;tcp", true)]
    public void A_reoffer_with_another_path_is_a_new_session(string path, bool isNew)
    {
        var current = Msrp("rfc4975-offer");
        var updated = current.WithPath(path.Split(' ')).WithTransportAddress("192.0.2.99", 1234);

        Assert.Equal(isNew, MsrpOfferAnswer.IsNewSession(current, updated));
    }

    [Fact]
    public void A_path_without_a_port_is_the_same_as_one_with_2855()
    {
        var current = Msrp("rfc4975-offer").WithPath(["msrp://alice.example.com/2s93i9ek2a;tcp"]);

        Assert.False(MsrpOfferAnswer.IsNewSession(current, current.WithPath(["msrp://alice.example.com:2855/2s93i9ek2a;tcp"])));
    }
}
