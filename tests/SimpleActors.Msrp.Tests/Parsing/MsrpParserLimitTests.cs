using System.Buffers;
using System.Text;
using SimpleActors.Msrp.Message;
using SimpleActors.Msrp.Parsing;

namespace SimpleActors.Msrp.Tests.Parsing;

/// <summary>Limits are checked as bytes arrive: a frame over a limit is refused as soon as enough of it is buffered to know.</summary>
public class MsrpParserLimitTests
{
    private const string To = "To-Path: msrp://b.example.com/s1;tcp";
    private const string From = "From-Path: msrp://a.example.com/s2;tcp";

    // "\r\n-------abcd1234$\r\n": the end-line with the CRLF before it.
    private const int EndLineLength = 2 + 7 + 8 + 1 + 2;

    private static byte[] Lines(params string[] lines) => MsrpParserTests.Lines(lines);

    /// <summary>The buffered length at which a growing buffer is first refused, and the refusal.</summary>
    private static (int Length, MsrpParseException? Error) FirstRefusal(MsrpParser parser, byte[] bytes, int step = 1)
    {
        for (var length = Math.Min(step, bytes.Length); ; length = Math.Min(length + step, bytes.Length))
        {
            var outcome = FrameOutcome.Read(parser, Segments.OfSize(bytes[..length], 4));
            if (outcome.Error is not null || outcome.Message is not null || length == bytes.Length)
            {
                return (length, outcome.Error);
            }
        }
    }

    /// <summary>A request whose start line and headers take exactly <paramref name="headSize"/> bytes with their CRLFs.</summary>
    private static byte[] WithHead(int headSize, string body)
    {
        var fixedPart = Lines("MSRP abcd1234 SEND", To, From).Length;
        var padding = headSize - fixedPart - "X-Pad: \r\n".Length;
        var head = Lines("MSRP abcd1234 SEND", To, From, "X-Pad: " + new string('p', padding));
        Assert.Equal(headSize, head.Length);
        return [.. head, .. Encoding.ASCII.GetBytes($"\r\n{body}\r\n-------abcd1234$\r\n")];
    }

    [Fact]
    public void A_header_section_at_the_limit_is_accepted_and_one_byte_more_refused_before_its_end()
    {
        var parser = new MsrpParser(new MsrpParserLimits { MaxHeadSize = 128 });

        Assert.NotNull(parser.Parse(WithHead(128, "x")));
        Assert.NotNull(FrameOutcome.Arriving(parser, WithHead(128, "x"), 1, 1).Message);
        byte[] bodiless = [.. WithHead(128, "x").AsSpan(0, 128), .. "-------abcd1234$\r\n"u8];
        Assert.NotNull(FrameOutcome.Arriving(parser, bodiless, 1, 1).Message);

        var over = WithHead(129, "x");
        var whole = Assert.Throws<MsrpParseException>(() => parser.Parse(over));
        Assert.Equal(400, whole.StatusCode);
        Assert.Equal("Header section exceeds the size limit", whole.Reason);
        Assert.Null(whole.FrameLength);
        Assert.Equal("abcd1234", whole.TransactionId);
        Assert.Equal(MsrpMethod.Send, whole.Method);
        Assert.True(whole.CanAnswer);

        var (length, arriving) = FirstRefusal(parser, over);
        Assert.True(FrameOutcome.Read(parser, new ReadOnlySequence<byte>(over)).SameAs(new FrameOutcome(null, 0, arriving)));
        Assert.Equal(128 + EndLineLength, length); // neither the empty line nor the end-line of a 128-byte head is there
    }

    [Fact]
    public void A_header_section_without_end_is_refused_once_the_limit_and_an_end_line_are_buffered()
    {
        var parser = new MsrpParser(new MsrpParserLimits { MaxHeadSize = 128 });
        var endless = Lines("MSRP abcd1234 SEND", To, From, "X-Long: " + new string('y', 10_000));

        var (length, error) = FirstRefusal(parser, endless);

        Assert.NotNull(error);
        Assert.Equal(128 + EndLineLength, length);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("abcd1234", error.TransactionId);
        Assert.NotNull(error.ToPath);
        Assert.NotNull(error.FromPath);
    }

    [Fact]
    public void A_start_line_over_the_limit_is_refused_before_its_crlf()
    {
        var parser = new MsrpParser(new MsrpParserLimits { MaxHeadSize = 64 });
        var bytes = Lines("MSRP abcd1234 200 " + new string('c', 100), To, From, "-------abcd1234$");

        var (length, error) = FirstRefusal(parser, bytes);

        Assert.NotNull(error);
        Assert.Equal(64, length);
        Assert.Equal("Start line exceeds the size limit", error.Reason);
        Assert.Equal("abcd1234", error.TransactionId);
        Assert.False(error.CanAnswer);
        Assert.Null(error.FrameLength);
    }

    [Fact]
    public void Bytes_that_never_end_a_line_are_refused_at_the_head_limit()
    {
        var parser = new MsrpParser(new MsrpParserLimits { MaxHeadSize = 64 });
        var bytes = Encoding.ASCII.GetBytes("MSRP abcd1234 SEND" + new string('S', 1000));

        var (length, error) = FirstRefusal(parser, bytes);

        Assert.NotNull(error);
        Assert.Equal("Start line exceeds the size limit", error.Reason);
        Assert.Equal(64, length);
    }

    [Theory]
    [InlineData('\n', "Start line exceeds the size limit")]
    [InlineData('X', "Malformed comment")]
    public void A_cr_on_the_last_byte_of_the_limit_is_judged_only_once_the_next_byte_shows_whether_it_ends_the_line(char next, string reason)
    {
        var parser = new MsrpParser(new MsrpParserLimits { MaxHeadSize = 64 });
        var line = "MSRP abcd1234 200 " + new string('c', 63 - 18); // 63 bytes, then CR as the 64th
        var bytes = Encoding.ASCII.GetBytes(line + "\r" + next + "more\r\n" + To + "\r\n");
        Assert.Equal(63, line.Length);

        var whole = FrameOutcome.Read(parser, new ReadOnlySequence<byte>(bytes));
        var (length, error) = FirstRefusal(parser, bytes);

        Assert.Equal(reason, whole.Error?.Reason);
        Assert.Equal(reason, error?.Reason);
        Assert.Equal(65, length);
    }

    [Fact]
    public void A_byte_that_cannot_be_part_of_a_start_line_is_refused_as_soon_as_it_arrives()
    {
        var parser = new MsrpParser(new MsrpParserLimits { MaxHeadSize = 64 });
        var bytes = Encoding.ASCII.GetBytes("MSRP abcd1234 SENDs" + new string('s', 1000));

        var (length, error) = FirstRefusal(parser, bytes);

        Assert.NotNull(error);
        Assert.Equal("Malformed method", error.Reason);
        Assert.Equal(19, length);
    }

    [Fact]
    public void A_body_at_the_limit_is_accepted_and_one_byte_more_refused_with_413_before_the_end_line()
    {
        var parser = new MsrpParser(new MsrpParserLimits { MaxBodySize = 100 });
        var head = Lines("MSRP abcd1234 SEND", To, From, "Content-Type: text/plain", "");

        byte[] Frame(int size) => [.. head, .. new byte[size], .. "\r\n-------abcd1234$\r\n"u8];

        Assert.Equal(100, ((MsrpRequest)parser.Parse(Frame(100))).Body.Length);
        Assert.Equal(100, ((MsrpRequest)FrameOutcome.Arriving(parser, Frame(100), 1, 1).Message!).Body.Length);

        var over = Frame(101);
        var whole = Assert.Throws<MsrpParseException>(() => parser.Parse(over));
        Assert.Equal(413, whole.StatusCode);
        Assert.Null(whole.FrameLength);
        Assert.True(whole.CanAnswer);
        Assert.Equal("MSRP abcd1234 413 Body exceeds the size limit", MsrpResponse.ForRejected(whole)!.StartLine);

        var (length, arriving) = FirstRefusal(parser, over);
        Assert.Equal(head.Length + 100 + EndLineLength, length);
        Assert.True(new FrameOutcome(null, 0, whole).SameAs(new FrameOutcome(null, 0, arriving)));
    }

    [Fact]
    public void A_huge_body_without_an_end_line_is_refused_long_before_it_is_all_buffered()
    {
        var parser = new MsrpParser(); // 1 MiB bodies
        var head = Lines("MSRP abcd1234 SEND", To, From, "Message-ID: big", "Byte-Range: 1-*/*", "Content-Type: application/octet-stream", "");
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'z');
        var buffered = new List<byte[]> { head };

        MsrpParseException? error = null;
        for (var i = 0; i < 64 && error is null; i++) // up to 4 MiB offered
        {
            buffered.Add(chunk);
            var reader = new SequenceReader<byte>(Segments.CutAt([.. buffered.SelectMany(b => b)], RunningOffsets(buffered)));
            try
            {
                Assert.False(parser.TryReadFrame(ref reader, out _));
            }
            catch (MsrpParseException e)
            {
                error = e;
            }
        }

        Assert.NotNull(error);
        Assert.Equal(413, error.StatusCode);
        Assert.True(error.CanAnswer);
        Assert.InRange(buffered.Sum(b => b.Length), 1024 * 1024, head.Length + (1024 * 1024) + chunk.Length + EndLineLength);
    }

    [Fact]
    public void A_response_over_the_body_limit_is_refused_but_cannot_be_answered()
    {
        var parser = new MsrpParser(new MsrpParserLimits { MaxBodySize = 0 });
        var response = Lines("MSRP abcd1234 200 OK", To, From, "", "x", "-------abcd1234$");

        var error = Assert.Throws<MsrpParseException>(() => parser.Parse(response));

        Assert.Equal(413, error.StatusCode);
        Assert.False(error.CanAnswer);
        Assert.Null(MsrpResponse.ForRejected(error));
    }

    private static IEnumerable<int> RunningOffsets(List<byte[]> parts)
    {
        var offset = 0;
        foreach (var part in parts)
        {
            offset += part.Length;
            yield return offset;
        }
    }
}
