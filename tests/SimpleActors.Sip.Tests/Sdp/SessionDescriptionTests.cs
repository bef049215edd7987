using System.Text;
using SimpleActors.Sip.Sdp;

namespace SimpleActors.Sip.Tests.Sdp;

public class SessionDescriptionTests
{
    public static TheoryData<string> Vectors() => new(SdpVector.Names());

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Every_vector_is_written_back_byte_for_byte(string name)
    {
        var bytes = SdpVector.Bytes(name);

        var description = SessionDescription.Parse(bytes);

        Assert.Equal(bytes, description.ToBytes());
        Assert.Equal(Encoding.UTF8.GetString(bytes), description.ToString());
    }

    [Fact]
    public void The_rfc_4975_offer_reads_into_its_fields()
    {
        var offer = SdpVector.Read("rfc4975-offer");

        Assert.Equal(new SdpOrigin("alice", "2890844526", "2890844527", "IN", "IP4", "alice.example.com"), offer.Origin);
        Assert.Equal(" -", offer.SessionName);
        Assert.Equal(new SdpConnection("IN", "IP4", "alice.example.com"), offer.Connection);
        var media = Assert.Single(offer.Media);
        Assert.Equal("message", media.MediaLine.Media);
        Assert.Equal(7394, media.MediaLine.Port);
        Assert.Equal("TCP/MSRP", media.MediaLine.Proto);
        Assert.Equal(["*"], media.MediaLine.Formats);
        Assert.Null(media.Connection);
        Assert.Equal(offer.Connection, offer.ConnectionFor(0));
        Assert.Equal(
            [new SdpAttribute("accept-types", "text/plain"), new SdpAttribute("path", "msrp://alice.example.com:7394/2s93i9ek2a;tcp")],
            media.Attributes);
    }

    [Fact]
    public void The_blink_offer_has_an_audio_and_a_message_section_with_every_line_kept()
    {
        var offer = SdpVector.Read("blink-audio-chat-offer");

        Assert.Equal(["audio", "message"], offer.Media.Select(m => m.MediaLine.Media));
        Assert.Equal(["9", "0", "8", "101"], offer.Media[0].MediaLine.Formats);
        Assert.Equal(9, offer.Media[0].Lines.Count);
        Assert.Equal("0-16", offer.Media[0].Attribute("fmtp")!.Value![4..]);
        Assert.Equal("history-control icon", offer.Media[1].Attribute("blink-features")!.Value);
        Assert.Null(offer.Connection);
        Assert.Equal("192.0.2.10", offer.ConnectionFor(1)!.Address);
    }

    [Fact]
    public void Bare_lf_line_ends_are_read_and_written_as_crlf()
    {
        var crlf = Encoding.UTF8.GetString(SdpVector.Bytes("blink-audio-chat-offer"));
        var lf = crlf.Replace("\r\n", "\n", StringComparison.Ordinal);

        var description = SessionDescription.Parse(lf);

        Assert.Equal(crlf, description.ToString());
        Assert.Equal(SessionDescription.Parse(crlf), description);
    }

    [Fact]
    public void Mixed_line_ends_a_missing_last_line_end_and_trailing_empty_lines_are_tolerated()
    {
        const string text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\ns=-\r\nt=0 0\r\n\r\n\r\n";

        Assert.Equal("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n", SessionDescription.Parse(text).ToString());
        Assert.Equal("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n", SessionDescription.Parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-").ToString());
    }

    [Fact]
    public void Lines_we_do_not_interpret_stay_in_their_place_and_order()
    {
        var text = SdpVector.Crlf("""
            v=0
            o=- 20518 0 IN IP4 203.0.113.1
            s=SDP Seminar
            i=A Seminar on the session description protocol
            u=http://www.example.com/seminars/sdp.pdf
            e=j.doe@example.com (Jane Doe)
            p=+1 617 555-6011
            c=IN IP4 233.252.0.1/127
            b=AS:2000
            t=2873397496 2873404696
            r=7d 1h 0 25h
            z=2882844526 -1h 2898848070 0
            k=prompt
            a=recvonly
            y=0100000001
            m=audio 49170/2 RTP/AVP 0
            i=voice
            b=TIAS:64000
            k=clear:secret
            f=v/2/25 a/1/8/1
            a=rtpmap:0 PCMU/8000
            m=video 51372 RTP/AVP 99
            a=rtpmap:99 h263-1998/90000

            """);

        var description = SessionDescription.Parse(text);

        Assert.Equal(text, description.ToString());
        Assert.Equal(15, description.SessionLines.Count);
        Assert.Equal('y', description.SessionLines[14].Type);
        Assert.Equal(2, description.Media[0].MediaLine.PortCount);
        Assert.Equal("233.252.0.1", description.Connection!.Host);
        Assert.Equal("f", description.Media[0].Lines[4].Type.ToString());
        Assert.Equal([new SdpAttribute("recvonly")], description.Attributes);
    }

    [Fact]
    public void Session_lines_may_come_in_any_order_after_v()
    {
        var text = SdpVector.Crlf("""
            v=0
            a=tool:some client
            t=0 0
            c=IN IP4 192.0.2.1
            s=-
            o=- 1 1 IN IP4 192.0.2.1

            """);

        var description = SessionDescription.Parse(text);

        Assert.Equal(text, description.ToString());
        Assert.Equal("-", description.SessionName);
    }

    [Theory]
    [InlineData("", "begins with v=")]
    [InlineData("o=- 1 1 IN IP4 h\r\nv=0\r\ns=-\r\n", "begins with v=")]
    [InlineData("v=1\r\no=- 1 1 IN IP4 h\r\ns=-\r\n", "version 0")]
    [InlineData("v=0\r\ns=-\r\n", "o= line is missing")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 h\r\n", "s= line is missing")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 h\r\no=- 2 2 IN IP4 h\r\ns=-\r\n", "second o=")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\ns=x\r\n", "second s=")]
    [InlineData("v=0\r\nv=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\n", "second v=")]
    [InlineData("v=0\r\no=- 1 IN IP4 h\r\ns=-\r\n", "six fields")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4\r\n", "three fields")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nhello\r\n", "<type>=<value>")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nA=x\r\n", "<type>=<value>")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\n a=x\r\n", "<type>=<value>")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\na\r\n", "<type>=<value>")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\na=\r\n", "attribute name")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\na=:x\r\n", "attribute name")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\n\r\nt=0 0\r\n", "empty line")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 h\r\ns=a\rb\r\n", "CR")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 h\r\ns=a\0b\r\n", "NUL")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nm=message\r\n", "media port proto")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nm=message x TCP/MSRP *\r\n", "bad port")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nm=message 65536 TCP/MSRP *\r\n", "bad port")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nm=message 9/0 TCP/MSRP *\r\n", "number of ports")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nm=message 9 TCP/MSRP *\r\nt=0 0\r\n", "t= cannot stand in a media description")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nm=message 9 TCP/MSRP *\r\no=- 1 1 IN IP4 h\r\n", "o= cannot stand")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nm=message 9 TCP/MSRP *\r\nc=IN\r\n", "three fields")]
    public void Malformed_descriptions_are_refused_with_the_one_typed_error(string text, string reason)
    {
        var error = Assert.Throws<SdpFormatException>(() => SessionDescription.Parse(text));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_error_names_the_line()
    {
        var error = Assert.Throws<SdpFormatException>(() => SessionDescription.Parse("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nm=message 9 TCP/MSRP *\r\na=x\r\nc=IN IP4\r\n"));

        Assert.Equal(6, error.LineNumber);
        Assert.StartsWith("SDP line 6: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_and_a_byte_order_mark_are_refused()
    {
        var valid = SdpVector.Bytes("rfc4975-offer");
        var broken = valid.ToArray();
        broken[Array.IndexOf(broken, (byte)'-')] = 0xFF;

        Assert.Throws<SdpFormatException>(() => SessionDescription.Parse(broken));
        Assert.Throws<SdpFormatException>(() => SessionDescription.Parse([0xEF, 0xBB, 0xBF, .. valid]));
        Assert.Throws<SdpFormatException>(() => SessionDescription.Parse("v=0\r\no=- 1 1 IN IP4 h\r\ns=\uD800\r\n"));
    }

    [Fact]
    public void Utf8_text_is_kept_as_it_is()
    {
        var bytes = Encoding.UTF8.GetBytes("v=0\r\no=- 1 1 IN IP4 h\r\ns=Ça va ☃ 😀\r\n");

        var description = SessionDescription.Parse(bytes);

        Assert.Equal("Ça va ☃ 😀", description.SessionName);
        Assert.Equal(bytes, description.ToBytes());
    }

    [Fact]
    public void Limits_on_size_lines_and_media_are_enforced()
    {
        var text = SdpVector.Crlf("""
            v=0
            o=- 1 1 IN IP4 h
            s=-
            m=audio 1 RTP/AVP 0
            m=audio 2 RTP/AVP 0
            m=audio 3 RTP/AVP 0

            """);

        Assert.Equal(3, SessionDescription.Parse(text).Media.Count);
        Assert.Contains("media descriptions", Assert.Throws<SdpFormatException>(() => SessionDescription.Parse(text, new SdpLimits { MaxMediaDescriptions = 2 })).Message, StringComparison.Ordinal);
        Assert.Contains("lines", Assert.Throws<SdpFormatException>(() => SessionDescription.Parse(text, new SdpLimits { MaxLines = 5 })).Message, StringComparison.Ordinal);
        Assert.Contains("bytes", Assert.Throws<SdpFormatException>(() => SessionDescription.Parse(text, new SdpLimits { MaxBytes = 20 })).Message, StringComparison.Ordinal);
        Assert.Contains("bytes", Assert.Throws<SdpFormatException>(() => SessionDescription.Parse(Encoding.UTF8.GetBytes(text), new SdpLimits { MaxBytes = 20 })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_writes_the_usual_session_lines()
    {
        var media = MediaDescription.Create(new SdpMediaLine("message", 2855, "TCP/MSRP", ["*"]), [new SdpAttribute("accept-types", "text/plain").ToLine()]);

        var description = SessionDescription.Create(new SdpOrigin("-", "1", "2", "IN", "IP6", "2001:db8::1"), SdpConnection.For("[2001:db8::1]"), [media]);

        Assert.Equal(
            "v=0\r\no=- 1 2 IN IP6 2001:db8::1\r\ns=-\r\nc=IN IP6 2001:db8::1\r\nt=0 0\r\nm=message 2855 TCP/MSRP *\r\na=accept-types:text/plain\r\n",
            description.ToString());
        Assert.Equal(description, SessionDescription.Parse(description.ToBytes()));
    }

    [Fact]
    public void Create_refuses_what_the_reader_refuses()
    {
        SdpLine[] noOrigin = [new('v', "0"), new('s', "-")];
        SdpLine[] mediaInSession = [new('v', "0"), new('o', "- 1 1 IN IP4 h"), new('s', "-"), new('m', "audio 0 RTP/AVP 0")];

        Assert.Throws<SdpFormatException>(() => SessionDescription.Create(noOrigin, []));
        Assert.Throws<SdpFormatException>(() => SessionDescription.Create(mediaInSession, []));
        Assert.Throws<SdpFormatException>(() => MediaDescription.Create(new SdpMediaLine("audio", 0, "RTP/AVP", ["0"]), [new SdpLine('t', "0 0")]));
        Assert.Throws<ArgumentException>(() => new SdpLine('a', "x\r\nm=evil 1 x y"));
        Assert.Throws<ArgumentException>(() => new SdpLine('A', "x"));
        Assert.Throws<ArgumentException>(() => new SdpAttribute("a:b"));
    }

    [Fact]
    public void WithMedia_and_WithOrigin_change_only_their_lines()
    {
        var offer = SdpVector.Read("blink-audio-chat-offer");
        var origin = new SdpOrigin("-", "3916042536", "3916042537", "IN", "IP4", "192.0.2.10");

        var changed = offer.WithMedia(0, offer.Media[0].WithPort(0)).WithOrigin(origin);

        var before = offer.ToString().Split("\r\n");
        var after = changed.ToString().Split("\r\n");
        Assert.Equal(before.Length, after.Length);
        Assert.Equal([1, 4], Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]));
        Assert.Equal("m=audio 0 RTP/AVP 9 0 8 101", after[4]);
        Assert.Equal(origin, changed.Origin);
    }

    [Fact]
    public void Media_With_functions_replace_in_place_insert_in_rfc_order_and_remove()
    {
        var media = SdpVector.Read("rfc4975-offer").Media[0];

        var withConnection = media.WithConnection(SdpConnection.For("192.0.2.7"));
        var replaced = withConnection.WithConnection(SdpConnection.For("192.0.2.8"));
        var attribute = replaced.WithAttribute(new SdpAttribute("accept-types", "message/cpim")).WithAttribute(new SdpAttribute("max-size", "4096"));
        var removed = attribute.WithoutAttribute("ACCEPT-TYPES");

        Assert.Equal("c=IN IP4 192.0.2.7", withConnection.Lines[1].ToString());
        Assert.Equal("c=IN IP4 192.0.2.8", replaced.Lines[1].ToString());
        Assert.Equal(media.Lines.Count + 1, replaced.Lines.Count);
        Assert.Equal(
            ["m=message 7394 TCP/MSRP *", "c=IN IP4 192.0.2.8", "a=accept-types:message/cpim", "a=path:msrp://alice.example.com:7394/2s93i9ek2a;tcp", "a=max-size:4096"],
            attribute.Lines.Select(l => l.ToString()));
        Assert.Null(removed.Attribute("accept-types"));
        Assert.Equal(4, removed.Lines.Count);
    }

    [Fact]
    public void Attribute_names_match_without_case_or_stray_spaces()
    {
        var description = SessionDescription.Parse("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nm=message 9 TCP/MSRP *\r\na=SendOnly \r\na=Accept-Types:text/plain\r\n");

        Assert.True(description.Media[0].Attributes.First().Is("sendonly"));
        Assert.Equal("text/plain", description.Media[0].Attribute("accept-types")!.Value);
    }

    [Fact]
    public void Equality_is_by_lines()
    {
        var a = SdpVector.Read("rfc6135-offer");
        var b = SdpVector.Read("rfc6135-offer");
        var c = SdpVector.Read("rfc6135-answer");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.Equal(a.Media[0], b.Media[0]);
    }
}
