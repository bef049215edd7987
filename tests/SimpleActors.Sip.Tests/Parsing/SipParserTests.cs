using System.Buffers;
using System.Text;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Tests.Parsing;

public class SipParserTests
{
    private const string Options =
        "OPTIONS sip:bob@example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: <sip:bob@example.com>\r\n" +
        "From: Alice <sip:alice@example.com>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.example.com\r\n" +
        "CSeq: 63104 OPTIONS\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n";

    private const string MessageWithBody =
        "MESSAGE sip:bob@example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/TCP pc33.example.com;branch=z9hG4bK776asdhdt\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: <sip:bob@example.com>\r\n" +
        "From: <sip:alice@example.com>;tag=49583\r\n" +
        "Call-ID: asd88asd77a@1.2.3.4\r\n" +
        "CSeq: 1 MESSAGE\r\n" +
        "Content-Type: text/plain\r\n" +
        "Content-Length: 18\r\n" +
        "\r\n" +
        "Watson, come here.";

    private static readonly SipParser Parser = new();

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Datagram_request_parses_start_line_headers_and_body()
    {
        var message = Assert.IsType<SipRequest>(Parser.Parse(Bytes(MessageWithBody)));

        Assert.Equal("MESSAGE", message.Method);
        Assert.Same(SipMethod.Message, message.Method);
        Assert.Equal("sip:bob@example.com", message.RequestUriText);
        Assert.Equal(8, message.Headers.Count);
        Assert.Equal("asd88asd77a@1.2.3.4", message.CallId);
        Assert.Equal("Watson, come here.", Encoding.UTF8.GetString(message.Body.Span));
    }

    [Fact]
    public void Response_with_empty_reason_phrase_parses()
    {
        var response = Assert.IsType<SipResponse>(Parser.Parse(Bytes("SIP/2.0 100 \r\nCall-ID: x\r\n\r\n")));

        Assert.Equal(100, response.StatusCode);
        Assert.Equal(string.Empty, response.ReasonPhrase);
    }

    [Fact]
    public void Header_names_are_case_insensitive_and_compact_forms_map_to_the_long_name()
    {
        var message = Parser.Parse(Bytes("OPTIONS sip:a@b SIP/2.0\r\ni: one\r\nCALL-id: two\r\nv: SIP/2.0/UDP h\r\nX-Custom: keep Me\r\n\r\n"));

        Assert.Equal([KnownHeader.CallId, KnownHeader.CallId, KnownHeader.Via, KnownHeader.Unknown], message.Headers.Select(h => h.Id));
        Assert.Equal("Call-ID", message.Headers[0].Name);
        Assert.Equal("X-Custom", message.Headers[3].Name);
        Assert.Equal("keep Me", message.Headers[3].Value);
    }

    [Fact]
    public void Folded_header_value_is_unfolded_to_whitespace()
    {
        var message = Parser.Parse(Bytes("OPTIONS sip:a@b SIP/2.0\r\nSubject: I know you're there,\r\n\tpick up the phone\r\n   and talk to me!\r\nTO :\r\n sip:a@b ;tag=1\r\n\r\n"));

        Assert.Equal("I know you're there,  \tpick up the phone     and talk to me!", message.Headers[0].Value);
        Assert.Equal("sip:a@b ;tag=1", message.Headers.GetFirstValue(KnownHeader.To));
    }

    [Fact]
    public void Leading_crlfs_before_a_datagram_message_are_ignored_and_a_crlf_only_datagram_is_a_keepalive()
    {
        Assert.NotNull(Parser.ParseDatagram(Bytes("\r\n\r\n" + Options)));
        Assert.Null(Parser.ParseDatagram(Bytes("\r\n\r\n")));
    }

    [Fact]
    public void Datagram_without_content_length_takes_the_rest_as_body()
    {
        var message = Parser.Parse(Bytes("MESSAGE sip:a@b SIP/2.0\r\nCall-ID: x\r\n\r\nhello"));
        Assert.Equal("hello", Encoding.UTF8.GetString(message.Body.Span));
    }

    [Fact]
    public void Datagram_octets_after_content_length_are_discarded()
    {
        var message = Parser.Parse(Bytes("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 2\r\n\r\nhello"));
        Assert.Equal("he", Encoding.UTF8.GetString(message.Body.Span));
    }

    [Theory]
    [InlineData("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 20\r\n\r\nhello", 400)] // larger than the datagram
    [InlineData("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: -1\r\n\r\n", 400)]
    [InlineData("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 1\r\nl: 1\r\n\r\nx", 400)]
    [InlineData("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 99999999999\r\n\r\n", 400)]
    [InlineData("OPTIONS  sip:a@b SIP/2.0\r\n\r\n", 400)]
    [InlineData("OPTIONS sip:a@b SIP/2.0 \r\n\r\n", 400)]
    [InlineData("OPTIONS sip:a@b SIP/3.0\r\n\r\n", 505)]
    [InlineData("OPTIONS sip:a@b HTTP/1.1\r\n\r\n", 400)]
    [InlineData("OPTIONS sip:a@b\r\n\r\n", 400)]
    [InlineData("OPT(IONS sip:a@b SIP/2.0\r\n\r\n", 400)]
    [InlineData("SIP/2.0 2000 OK\r\n\r\n", 400)]
    [InlineData("SIP/2.0 099 Low\r\n\r\n", 400)]
    [InlineData("SIP/2.0 700 High\r\n\r\n", 400)]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\n bad continuation\r\n\r\n", 400)]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nNo colon here\r\n\r\n", 400)]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nX: bare\nLF\r\n\r\n", 400)]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nX: value\r\n", 400)] // no empty line in a datagram
    public void Malformed_messages_are_rejected_with_the_status_to_answer(string text, int status)
    {
        var error = Assert.Throws<SipParseException>(() => Parser.Parse(Bytes(text)));
        Assert.Equal(status, error.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Reason));
    }

    [Fact]
    public void Limits_are_enforced_with_their_status_codes()
    {
        var tight = new SipParser(new SipParserLimits { MaxHeaderCount = 3, MaxLineLength = 64, MaxBodySize = 4, MaxMessageSize = 512 });

        Assert.Equal(513, Assert.Throws<SipParseException>(() => tight.Parse(Bytes("OPTIONS sip:a@b SIP/2.0\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n"))).StatusCode);
        Assert.Equal(414, Assert.Throws<SipParseException>(() => tight.Parse(Bytes($"OPTIONS sip:{new string('a', 80)}@b SIP/2.0\r\n\r\n"))).StatusCode);
        Assert.Equal(513, Assert.Throws<SipParseException>(() => tight.Parse(Bytes($"OPTIONS sip:a@b SIP/2.0\r\nX: {new string('v', 80)}\r\n\r\n"))).StatusCode);
        Assert.Equal(413, Assert.Throws<SipParseException>(() => tight.Parse(Bytes("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 5\r\n\r\nhello"))).StatusCode);
        Assert.Equal(513, Assert.Throws<SipParseException>(() => tight.Parse(new byte[600])).StatusCode);
    }

    [Fact]
    public void Stream_frames_back_to_back_messages_by_content_length()
    {
        var bytes = Bytes(MessageWithBody + Options + MessageWithBody);
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        var methods = new List<string>();
        while (Parser.TryReadFrame(ref reader, out var message) == SipFrame.Message)
        {
            methods.Add(((SipRequest)message!).Method);
        }

        Assert.Equal(["MESSAGE", "OPTIONS", "MESSAGE"], methods);
        Assert.True(reader.End);
    }

    [Fact]
    public void Stream_reassembles_a_message_fed_one_byte_at_a_time()
    {
        var bytes = Bytes(MessageWithBody);
        var buffered = new List<byte>();
        SipMessage? parsed = null;
        foreach (var b in bytes)
        {
            buffered.Add(b);
            var sequence = Segmented(buffered.ToArray(), 7);
            var reader = new SequenceReader<byte>(sequence);
            var frame = Parser.TryReadFrame(ref reader, out parsed);
            if (frame == SipFrame.Message)
            {
                Assert.Equal(bytes.Length, buffered.Count);
                break;
            }

            Assert.Equal(SipFrame.Incomplete, frame);
            Assert.Equal(0, reader.Consumed);
        }

        Assert.NotNull(parsed);
        Assert.True(parsed!.ContentEquals(Parser.Parse(bytes)));
    }

    [Fact]
    public void Stream_answers_double_crlf_ping_and_skips_single_crlf()
    {
        var bytes = Bytes("\r\n\r\n" + "\r\n" + Options);
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));

        Assert.Equal(SipFrame.KeepAlivePing, Parser.TryReadFrame(ref reader, out _));
        Assert.Equal(SipFrame.Message, Parser.TryReadFrame(ref reader, out var message));
        Assert.Equal("OPTIONS", ((SipRequest)message!).Method);
    }

    [Fact]
    public void Stream_rejects_a_head_that_outgrows_the_limit_before_it_is_complete()
    {
        var parser = new SipParser(new SipParserLimits { MaxMessageSize = 256, MaxLineLength = 64 });
        var noEnd = Bytes("OPTIONS sip:a@b SIP/2.0\r\n" + string.Concat(Enumerable.Repeat("X-Filler: 0123456789\r\n", 20)));

        Assert.Equal(513, Assert.Throws<SipParseException>(() => Parse(parser, noEnd)).StatusCode);

        var longLine = Bytes("OPTIONS sip:" + new string('a', 100));
        Assert.Equal(414, Assert.Throws<SipParseException>(() => Parse(parser, longLine)).StatusCode);

        static SipFrame Parse(SipParser parser, byte[] bytes)
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
            return parser.TryReadFrame(ref reader, out _);
        }
    }

    [Fact]
    public void Stream_rejects_a_declared_body_over_the_limit_before_it_arrives()
    {
        var parser = new SipParser(new SipParserLimits { MaxBodySize = 100 });
        var bytes = Bytes("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 5000\r\n\r\n");

        Assert.Equal(413, Assert.Throws<SipParseException>(() =>
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
            return parser.TryReadFrame(ref reader, out _);
        }).StatusCode);
    }

    [Fact]
    public void Stream_head_split_across_segments_parses_like_a_contiguous_one()
    {
        var bytes = Bytes(MessageWithBody);
        foreach (var size in new[] { 1, 2, 3, 16, 100 })
        {
            var reader = new SequenceReader<byte>(Segmented(bytes, size));
            Assert.Equal(SipFrame.Message, Parser.TryReadFrame(ref reader, out var message));
            Assert.True(message!.ContentEquals(Parser.Parse(bytes)));
        }
    }

    internal static ReadOnlySequence<byte> Segmented(byte[] bytes, int segmentSize)
    {
        if (bytes.Length <= segmentSize)
        {
            return new ReadOnlySequence<byte>(bytes);
        }

        var first = new Segment(bytes.AsMemory(0, segmentSize), 0);
        var last = first;
        for (var offset = segmentSize; offset < bytes.Length; offset += segmentSize)
        {
            last = last.Append(bytes.AsMemory(offset, Math.Min(segmentSize, bytes.Length - offset)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
