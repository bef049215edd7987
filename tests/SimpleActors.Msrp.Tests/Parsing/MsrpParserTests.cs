using System.Buffers;
using System.Text;
using SimpleActors.Msrp.Message;
using SimpleActors.Msrp.Parsing;

namespace SimpleActors.Msrp.Tests.Parsing;

public class MsrpParserTests
{
    private const string To = "To-Path: msrp://bob.example.com:8493/si438dsaodes;tcp";
    private const string From = "From-Path: msrp://alice.example.com:7394/2s93i9ek2a;tcp";

    private static readonly MsrpParser Parser = new();

    /// <summary>Lines joined with CRLF, each ended by one.</summary>
    internal static byte[] Lines(params string[] lines) => Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\r\n")));

    private static byte[] Send(string body, string tid = "abcd1234", char flag = '$')
        => Encoding.UTF8.GetBytes($"MSRP {tid} SEND\r\n{To}\r\n{From}\r\nMessage-ID: m1\r\nContent-Type: text/plain\r\n\r\n{body}\r\n-------{tid}{flag}\r\n");

    [Fact]
    public void An_unfinished_frame_is_waited_for_and_nothing_is_consumed_until_it_is_whole()
    {
        var bytes = Send("Hello");
        for (var length = 0; length < bytes.Length; length++)
        {
            var outcome = FrameOutcome.Read(Parser, Segments.OfSize(bytes[..length], 3));
            Assert.True(outcome.NeedsMore, $"{length}: {outcome}");
        }

        Assert.Equal(bytes.Length, FrameOutcome.Read(Parser, new ReadOnlySequence<byte>(bytes)).Consumed);
    }

    [Fact]
    public void Exactly_one_frame_is_consumed_when_two_are_buffered()
    {
        var first = Send("one", "tid00001");
        var second = Send("two", "tid00002", '+');
        var reader = new SequenceReader<byte>(Segments.OfSize([.. first, .. second], 5));

        Assert.True(Parser.TryReadFrame(ref reader, out var one));
        Assert.Equal(first.Length, reader.Consumed);
        Assert.True(Parser.TryReadFrame(ref reader, out var two));
        Assert.True(reader.End);
        Assert.Equal("one", Encoding.ASCII.GetString(((MsrpRequest)one).Body.Span));
        Assert.Equal(MsrpContinuation.More, ((MsrpRequest)two).Continuation);
        Assert.False(Parser.TryReadFrame(ref reader, out _));
    }

    [Fact]
    public void Headers_are_read_tolerantly_any_blanks_after_the_colon_names_in_any_case_and_unknown_headers_kept()
    {
        var bytes = Lines(
            "MSRP abcd1234 SEND",
            "to-path:   msrp://bob.example.com:8493/si438dsaodes;tcp  ",
            "FROM-PATH:\tmsrp://relay.example.com:2855/r1;tcp   msrp://alice.example.com:7394/2s93i9ek2a;tcp",
            "Message-ID :m1",
            "Content-Disposition: inline; filename=\"a.txt\"",
            "Content-ID: <part1@example.com>",
            "Content-Description: a file",
            "X-Unknown: whatever it says",
            "Content-Type: text/plain",
            "",
            "body",
            "-------abcd1234$");

        var send = Assert.IsType<MsrpRequest>(Parser.Parse(bytes));

        Assert.Equal(Sample.Bob, send.ToPath[0]);
        Assert.Equal(2, send.FromPath.Count);
        Assert.Equal("m1", send.MessageId);
        Assert.Equal(
            ["Message-ID", "Content-Disposition", "Content-ID", "Content-Description", "X-Unknown", "Content-Type"],
            send.Headers.Select(h => h.Name));
        Assert.Equal("whatever it says", send.Headers.Get("x-unknown"));
    }

    [Fact]
    public void Any_upper_case_method_is_a_request_for_the_dispatcher_to_answer_501()
    {
        var request = Assert.IsType<MsrpRequest>(Parser.Parse(Lines("MSRP abcd1234 FOOBAR", To, From, "-------abcd1234$")));

        Assert.Equal("FOOBAR", request.Method);
        Assert.True(request.Body.IsEmpty);
    }

    [Fact]
    public void Paths_may_use_websocket_transports_ipv6_hosts_and_relays_without_session_ids()
    {
        var request = Parser.Parse(Lines(
            "MSRP abcd1234 AUTH",
            "To-Path: msrps://relay.example.com;tcp",
            "From-Path: msrp://[2001:db8::5]:2855/s9;ws",
            "-------abcd1234$"));

        Assert.Null(request.ToPath[0].SessionId);
        Assert.True(request.FromPath[0].IsIPv6);
        Assert.Equal("ws", request.FromPath[0].Transport);
    }

    [Fact]
    public void A_response_may_have_an_empty_comment_or_none()
    {
        var none = Assert.IsType<MsrpResponse>(Parser.Parse(Lines("MSRP abcd1234 200", To, From, "-------abcd1234$")));
        var empty = Assert.IsType<MsrpResponse>(Parser.Parse(Lines("MSRP abcd1234 200 ", To, From, "-------abcd1234$")));

        Assert.Null(none.Comment);
        Assert.Equal(string.Empty, empty.Comment);
    }

    public static TheoryData<string, string> EndLineLookAlikes => new()
    {
        // body as sent (between the empty line and the CRLF before the end-line) -- why it is not the end
        { "x-------other99$\r\ny", "another transaction's end-line" },
        { "x\r\n-------abcd1234", "no flag after the id, the body ends there" },
        { "x\r\n-------abcd1234x\r\ny", "no flag after the id" },
        { "x\r\n-------abcd1234$x", "a flag not followed by CRLF" },
        { "x\r\n-------abcd1234$\ry", "a flag followed by CR alone" },
        { "x\r\n-------abcd1234$\ny", "a flag followed by LF alone" },
        { "x\r\n-------abcd12345$\r\ny", "a longer id that starts with this one" },
        { "x\r\n-------abcd123$\r\ny", "a shorter id that this one starts with" },
        { "x-------abcd1234$\r\ny", "the end-line without a CRLF before it" },
        { "x\n-------abcd1234$\r\ny", "a bare LF before it" },
        { "x\r\n------abcd1234$\r\ny", "six hyphens" },
        { "x\r\n--------abcd1234$\r\ny", "eight hyphens" },
        { "x\r\n-------ABCD1234$\r\ny", "the id in another case" },
        { "x\r\n-------abcd1234%\r\ny", "a character that is no flag" },
        { "\r\n", "a body that is one CRLF" },
        { "line\r\n", "a body ending with CRLF, which stays in the body" },
        { "\r\n\r\n-------abcd1234", "an empty line and the id without a flag" },
        { "\0\u00ff\u0080binary\r\n\r\n", "bytes that are not text" },
    };

    [Theory]
    [MemberData(nameof(EndLineLookAlikes))]
    public void A_body_may_hold_anything_but_its_own_end_line(string body, string why)
    {
        var bytes = Send(body);
        var expected = Encoding.UTF8.GetBytes(body);

        foreach (var size in new[] { 1, 2, 3, 5, 11, bytes.Length })
        {
            var outcome = FrameOutcome.Read(Parser, Segments.OfSize(bytes, size));
            var send = Assert.IsType<MsrpRequest>(outcome.Message);
            Assert.True(expected.AsSpan().SequenceEqual(send.Body.Span), why);
            Assert.Equal(bytes.Length, outcome.Consumed);
        }

        Assert.True(FrameOutcome.Arriving(Parser, bytes, 1, 4).SameAs(FrameOutcome.Read(Parser, new ReadOnlySequence<byte>(bytes))));
    }

    [Fact]
    public void A_body_ends_at_the_first_end_line_of_its_transaction_even_one_the_sender_should_have_avoided()
    {
        var bytes = Send("x\r\n-------abcd1234+\r\ny");

        var outcome = FrameOutcome.Read(Parser, new ReadOnlySequence<byte>(bytes));

        var send = Assert.IsType<MsrpRequest>(outcome.Message);
        Assert.Equal("x", Encoding.ASCII.GetString(send.Body.Span));
        Assert.Equal(MsrpContinuation.More, send.Continuation);
    }

    [Fact]
    public void An_empty_line_straight_before_the_end_line_is_read_as_an_empty_body()
    {
        var request = Assert.IsType<MsrpRequest>(Parser.Parse(Lines("MSRP abcd1234 SEND", To, From, "Content-Type: text/plain", "", "-------abcd1234$")));

        Assert.True(request.Body.IsEmpty);
    }

    public static TheoryData<string, byte[], string, string?, bool, bool> Refusals => new()
    {
        // case, bytes, reason, transaction id, framed (FrameLength set), answerable
        { "not MSRP", Lines("HTTP/1.1 200 OK", To, From, "-------abcd1234$"), "Not an MSRP start line", null, false, false },
        { "lower-case MSRP", Lines("msrp abcd1234 SEND", To, From, "-------abcd1234$"), "Not an MSRP start line", null, false, false },
        { "leading CRLF", Lines("", "MSRP abcd1234 SEND", To, From, "-------abcd1234$"), "Not an MSRP start line", null, false, false },
        { "id of 3", Lines("MSRP abc SEND", To, From, "-------abc$"), "Malformed transaction id", null, false, false },
        { "id of 33", Lines($"MSRP {new string('a', 33)} SEND", To, From), "Malformed transaction id", null, false, false },
        { "id starting with a dot", Lines("MSRP .bcd1234 SEND", To, From), "Malformed transaction id", null, false, false },
        { "id with a $", Lines("MSRP ab$d1234 SEND", To, From), "Malformed transaction id", null, false, false },
        { "no method", Lines("MSRP abcd1234", To, From), "Malformed start line: no method or status code", null, false, false },
        { "empty method", Lines("MSRP abcd1234 ", To, From), "Malformed start line: no method or status code", "abcd1234", false, false },
        { "two spaces", Lines("MSRP abcd1234  SEND", To, From), "Malformed start line: no method or status code", "abcd1234", false, false },
        { "lower-case method", Lines("MSRP abcd1234 send", To, From), "Malformed start line: no method or status code", "abcd1234", false, false },
        { "digit in method", Lines("MSRP abcd1234 SE1ND", To, From), "Malformed method", "abcd1234", false, false },
        { "blank after method", Lines("MSRP abcd1234 SEND ", To, From), "Malformed method", "abcd1234", false, false },
        { "two digits", Lines("MSRP abcd1234 20", To, From), "Malformed status code", "abcd1234", false, false },
        { "four digits", Lines("MSRP abcd1234 2000 OK", To, From), "Malformed status code", "abcd1234", false, false },
        { "letter in code", Lines("MSRP abcd1234 2x0 OK", To, From), "Malformed status code", "abcd1234", false, false },
        { "control in comment", Lines("MSRP abcd1234 200 O\u0001K", To, From), "Malformed comment", "abcd1234", false, false },
        { "bare CR in comment", Lines("MSRP abcd1234 200 O\rK", To, From), "Malformed comment", "abcd1234", false, false },
        { "invalid UTF-8 in comment", [.. "MSRP abcd1234 200 "u8, 0xC3, 0x28, .. "\r\n"u8, .. Lines(To, From, "-------abcd1234$")], "Malformed comment", "abcd1234", false, false },
        { "no headers", Lines("MSRP abcd1234 SEND", "-------abcd1234$"), "To-Path must be the first header", "abcd1234", true, false },
        { "no headers but a body", Lines("MSRP abcd1234 SEND", "", "x", "-------abcd1234$"), "To-Path must be the first header", "abcd1234", true, false },
        { "From-Path first", Lines("MSRP abcd1234 SEND", From, To, "-------abcd1234$"), "To-Path must be the first header", "abcd1234", true, false },
        { "no From-Path", Lines("MSRP abcd1234 SEND", To, "Message-ID: m1", "-------abcd1234$"), "From-Path must be the second header", "abcd1234", true, false },
        { "only To-Path", Lines("MSRP abcd1234 SEND", To, "-------abcd1234$"), "From-Path must be the second header", "abcd1234", true, false },
        { "To-Path not a URI", Lines("MSRP abcd1234 SEND", "To-Path: sip:bob@example.com", From, "-------abcd1234$"), "Malformed To-Path", "abcd1234", true, false },
        { "To-Path empty", Lines("MSRP abcd1234 SEND", "To-Path:", From, "-------abcd1234$"), "Malformed To-Path", "abcd1234", true, false },
        { "From-Path without transport", Lines("MSRP abcd1234 SEND", To, "From-Path: msrp://a.example.com/s", "-------abcd1234$"), "Malformed From-Path", "abcd1234", true, false },
        { "To-Path again", Lines("MSRP abcd1234 SEND", To, From, To, "-------abcd1234$"), "To-Path appears once", "abcd1234", true, true },
        { "name starting with a digit", Lines("MSRP abcd1234 SEND", To, From, "1X: y", "-------abcd1234$"), "Malformed header field name", "abcd1234", true, true },
        { "folded line", Lines("MSRP abcd1234 SEND", To, From, "X-A: y", " z", "-------abcd1234$"), "Malformed header field name", "abcd1234", true, true },
        { "no colon", Lines("MSRP abcd1234 SEND", To, From, "Message-ID m1", "-------abcd1234$"), "Malformed header field: no colon after the name", "abcd1234", true, true },
        { "control in value", Lines("MSRP abcd1234 SEND", To, From, "X-A: y\u0007", "-------abcd1234$"), "Malformed header field value", "abcd1234", true, true },
        { "bare LF in value", Lines("MSRP abcd1234 SEND", To, From, "X-A: y\nz", "-------abcd1234$"), "Malformed header field value", "abcd1234", true, true },
        { "invalid UTF-8 in value", [.. Lines("MSRP abcd1234 SEND", To, From), .. "X-A: "u8, 0xFF, .. "\r\n"u8, .. Lines("-------abcd1234$")], "Malformed header field value", "abcd1234", true, true },
        { "Message-ID twice", Lines("MSRP abcd1234 SEND", To, From, "Message-ID: a", "Message-ID: b", "-------abcd1234$"), "Message-ID appears once", "abcd1234", true, true },
        { "bad Message-ID", Lines("MSRP abcd1234 SEND", To, From, "Message-ID: a b", "-------abcd1234$"), "Malformed Message-ID", "abcd1234", true, true },
        { "bad Byte-Range", Lines("MSRP abcd1234 SEND", To, From, "Byte-Range: 0-1/1", "-------abcd1234$"), "Malformed Byte-Range", "abcd1234", true, true },
        { "bad Success-Report", Lines("MSRP abcd1234 SEND", To, From, "Success-Report: partial", "-------abcd1234$"), "Malformed Success-Report", "abcd1234", true, true },
        { "bad Failure-Report", Lines("MSRP abcd1234 SEND", To, From, "Failure-Report: maybe", "-------abcd1234$"), "Malformed Failure-Report", "abcd1234", true, true },
        { "bad Status", Lines("MSRP abcd1234 SEND", To, From, "Status: 200 OK", "-------abcd1234$"), "Malformed Status", "abcd1234", true, true },
        { "bad Content-Type", Lines("MSRP abcd1234 SEND", To, From, "Content-Type: text", "", "x", "-------abcd1234$"), "Malformed Content-Type", "abcd1234", true, true },
        { "bad Expires", Lines("MSRP abcd1234 AUTH", To, From, "Expires: soon", "-------abcd1234$"), "Malformed Expires", "abcd1234", true, true },
        { "bad Use-Path", Lines("MSRP abcd1234 200 OK", To, From, "Use-Path: msrps://relay.example.com", "-------abcd1234$"), "Malformed Use-Path", "abcd1234", true, false },
        { "response with a body", Lines("MSRP abcd1234 200 OK", To, From, "", "x", "-------abcd1234$"), "A response has no body", "abcd1234", true, false },
        { "response ending with +", Lines("MSRP abcd1234 200 OK", To, From, "-------abcd1234+"), "A response ends with $", "abcd1234", true, false },
        { "REPORT", Lines("MSRP abcd1234 REPORT", To, From, "Status: 200", "-------abcd1234$"), "Malformed Status", "abcd1234", true, false },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_malformed_frame_is_refused_with_400_and_what_could_be_read(
        string kind, byte[] bytes, string reason, string? tid, bool framed, bool answerable)
    {
        var whole = FrameOutcome.Read(Parser, new ReadOnlySequence<byte>(bytes));
        var error = whole.Error;

        Assert.True(error is not null, $"{kind}: {whole}");
        Assert.Equal(400, error.StatusCode);
        Assert.Equal(reason, error.Reason);
        Assert.Equal(tid, error.TransactionId);
        Assert.Equal(framed, error.FrameLength is not null);
        Assert.Equal(answerable, error.CanAnswer);
        Assert.Equal(answerable, MsrpResponse.ForRejected(error) is not null);
        if (framed)
        {
            Assert.Equal(bytes.Length, error.FrameLength);
        }

        // The same refusal, however the bytes arrive.
        foreach (var (step, size) in new[] { (1, 1), (1, 7), (5, 2), (13, 3) })
        {
            var arriving = FrameOutcome.Arriving(Parser, bytes, step, size);
            Assert.True(arriving.SameAs(whole), $"{kind} ({step}/{size}): {arriving} vs {whole}");
        }
    }

    [Fact]
    public void A_refused_frame_that_kept_its_framing_can_be_skipped_and_the_next_one_read()
    {
        var bad = Lines("MSRP abcd1234 SEND", To, From, "Byte-Range: nonsense", "", "body", "-------abcd1234$");
        var good = Send("next", "efgh5678");
        var reader = new SequenceReader<byte>(Segments.OfSize([.. bad, .. good], 9));

        MsrpParseException? error = null;
        try
        {
            Parser.TryReadFrame(ref reader, out _);
        }
        catch (MsrpParseException e)
        {
            error = e;
        }

        Assert.NotNull(error);
        Assert.Equal(0, reader.Consumed);
        reader.Advance(error.FrameLength!.Value);
        Assert.True(Parser.TryReadFrame(ref reader, out var next));
        Assert.Equal("efgh5678", next.TransactionId);
        Assert.True(reader.End);
    }

    [Fact]
    public void Too_many_header_lines_are_refused()
    {
        var parser = new MsrpParser(new MsrpParserLimits { MaxHeaderCount = 4 });
        var four = Lines("MSRP abcd1234 SEND", To, From, "X-A: 1", "X-B: 2", "-------abcd1234$");
        var five = Lines("MSRP abcd1234 SEND", To, From, "X-A: 1", "X-B: 2", "X-C: 3", "-------abcd1234$");

        Assert.Equal(4, parser.Parse(four).Headers.Count + 2);
        var error = Assert.Throws<MsrpParseException>(() => parser.Parse(five));
        Assert.Equal("Too many header fields", error.Reason);
        Assert.True(error.CanAnswer);
    }

    [Fact]
    public void Parse_wants_exactly_one_whole_frame()
    {
        var frame = Send("x");

        Assert.Equal("Incomplete frame", Assert.Throws<MsrpParseException>(() => Parser.Parse(frame.AsSpan(0, frame.Length - 1))).Reason);
        Assert.Equal("Bytes after the end-line", Assert.Throws<MsrpParseException>(() => Parser.Parse([.. frame, (byte)'M'])).Reason);
    }

    [Fact]
    public void Limits_below_what_a_frame_needs_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MsrpParser(new MsrpParserLimits { MaxHeadSize = 10 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MsrpParser(new MsrpParserLimits { MaxHeaderCount = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MsrpParser(new MsrpParserLimits { MaxBodySize = -1 }));
    }
}
