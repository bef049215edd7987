using System.Buffers;
using System.Text;
using SimpleActors.Msrp.Message;
using SimpleActors.Msrp.Parsing;

namespace SimpleActors.Msrp.Tests.Parsing;

/// <summary>
/// A scan kept over the calls makes a connection loop search each byte of a large body about once, and changes no
/// decision.
/// </summary>
public class MsrpFrameScanTests
{
    private static readonly MsrpParser Parser = new();

    private static byte[] Send(byte[] body, string tid = "abcd1234", char flag = '$')
        => [
            .. Encoding.ASCII.GetBytes($"MSRP {tid} SEND\r\nTo-Path: msrp://b.example.com/s1;tcp\r\nFrom-Path: msrp://a.example.com/s2;tcp\r\n"
                                      + $"Message-ID: m1\r\nByte-Range: 1-{body.Length}/{body.Length}\r\nContent-Type: application/octet-stream\r\n\r\n"),
            .. body,
            .. Encoding.ASCII.GetBytes($"\r\n-------{tid}{flag}\r\n"),
        ];

    /// <summary>A body that looks like an end-line at every turn: CRLFs, dashes and the transaction id with a wrong flag.</summary>
    private static byte[] Treacherous(int length)
    {
        var piece = "\r\n-------abcd1234X\r\n-------abcd123\r\n---"u8.ToArray();
        return Enumerable.Range(0, length).Select(i => piece[i % piece.Length]).ToArray();
    }

    [Theory]
    [InlineData(512, 1)]
    [InlineData(512, 4096)]
    [InlineData(4096, 1000)]
    [InlineData(4095, 4096)]
    public void A_large_body_arriving_in_small_reads_is_searched_about_once(int read, int segment)
    {
        foreach (var body in new[] { new byte[64 * 1024], Treacherous(64 * 1024) })
        {
            var bytes = Send(body);

            var outcome = FrameOutcome.ArrivingWithScan(Parser, bytes, read, segment, out var searched, out var calls);

            Assert.NotNull(outcome.Message);
            Assert.Equal(body, ((MsrpRequest)outcome.Message).Body.ToArray());

            // Each call searches the new bytes and at most an end-line's length again ("\r\n-------abcd1234" + flag + CRLF).
            Assert.InRange(searched, body.Length, bytes.Length + (calls * (2 + 7 + 8 + 3)));

            // Without a scan every call searches from the start line on: about n*n/2r bytes in all, calls/2 times as much.
            long stateless = 0;
            for (var length = read; length < bytes.Length; length += read)
            {
                stateless += length;
            }

            Assert.True(stateless > searched * (calls / 4), $"{stateless} vs {searched} in {calls} calls");
        }
    }

    [Fact]
    public void The_scan_records_how_far_the_search_got_and_starts_afresh_on_a_frame()
    {
        var bytes = Send(new byte[1000]);
        var scan = default(MsrpFrameScan);
        Assert.True(scan.IsFresh);

        var outcome = FrameOutcome.Read(Parser, new ReadOnlySequence<byte>(bytes[..600]), ref scan);
        Assert.True(outcome.NeedsMore);
        Assert.InRange(scan.Position, 600 - 17, 600);
        var afterFirst = scan.BytesSearched;

        outcome = FrameOutcome.Read(Parser, new ReadOnlySequence<byte>(bytes[..900]), ref scan);
        Assert.True(outcome.NeedsMore);
        Assert.InRange(scan.BytesSearched - afterFirst, 300, 300 + 17);

        outcome = FrameOutcome.Read(Parser, new ReadOnlySequence<byte>(bytes), ref scan);
        Assert.NotNull(outcome.Message);
        Assert.True(scan.IsFresh);
    }

    [Fact]
    public void An_end_line_split_across_reads_is_found_wherever_the_cut_falls()
    {
        var bytes = Send(Treacherous(300));
        for (var cut = bytes.Length - 24; cut < bytes.Length; cut++)
        {
            var scan = default(MsrpFrameScan);
            Assert.True(FrameOutcome.Read(Parser, Segments.OfSize(bytes[..cut], 7), ref scan).NeedsMore);
            var outcome = FrameOutcome.Read(Parser, Segments.OfSize(bytes, 7), ref scan);
            Assert.NotNull(outcome.Message);
            Assert.Equal(bytes.Length, outcome.Consumed);
        }
    }

    [Fact]
    public void A_refused_frame_starts_the_scan_afresh()
    {
        var parser = new MsrpParser(new MsrpParserLimits { MaxBodySize = 100 });
        var bytes = Send(new byte[500]);
        var scan = default(MsrpFrameScan);

        Assert.True(FrameOutcome.Read(parser, new ReadOnlySequence<byte>(bytes[..150]), ref scan).NeedsMore);
        Assert.False(scan.IsFresh);
        var refused = FrameOutcome.Read(parser, new ReadOnlySequence<byte>(bytes[..400]), ref scan);

        Assert.Equal(413, refused.Error?.StatusCode);
        Assert.True(scan.IsFresh);
    }

    [Fact]
    public void Frames_back_to_back_on_one_connection_are_read_one_by_one_with_one_scan()
    {
        var frames = new[] { Send(new byte[3000], "tid00001", '+'), Send(Treacherous(5000), "tid00002"), Send([], "tid00003") };
        var stream = frames.SelectMany(f => f).ToArray();
        var scan = default(MsrpFrameScan);
        var read = new List<MsrpMessage>();
        var consumed = 0;
        for (var length = 0; length <= stream.Length; length += 97)
        {
            var reader = new SequenceReader<byte>(Segments.OfSize(stream[consumed..Math.Min(length, stream.Length)], 61));
            while (Parser.TryReadFrame(ref reader, ref scan, out var message))
            {
                read.Add(message);
            }

            consumed += (int)reader.Consumed;
            if (length + 97 > stream.Length && length < stream.Length)
            {
                length = stream.Length - 97;
            }
        }

        Assert.Equal(frames.Length, read.Count);
        Assert.Equal(stream.Length, consumed);
        for (var i = 0; i < frames.Length; i++)
        {
            Assert.True(read[i].ContentEquals(Parser.Parse(frames[i])));
        }
    }

    [Fact]
    public void A_scan_from_a_longer_buffer_is_not_trusted()
    {
        var bytes = Send(new byte[1000]);
        var scan = default(MsrpFrameScan);
        Assert.True(FrameOutcome.Read(Parser, new ReadOnlySequence<byte>(bytes[..900]), ref scan).NeedsMore);

        // The caller dropped bytes (a bug, or a new connection given the old scan): the parser starts afresh.
        Assert.True(FrameOutcome.Read(Parser, new ReadOnlySequence<byte>(bytes[..300]), ref scan).NeedsMore);
        Assert.InRange(scan.Position, 300 - 17, 300);
        Assert.NotNull(FrameOutcome.Read(Parser, new ReadOnlySequence<byte>(bytes), ref scan).Message);
    }
}
