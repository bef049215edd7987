using System.Buffers;
using SimpleActors.Msrp.Addressing;
using SimpleActors.Msrp.Message;
using SimpleActors.Msrp.Parsing;

namespace SimpleActors.Msrp.Tests.Parsing;

/// <summary>What one call of the parser made of a buffer: a frame (and how much it consumed), "need more", or a refusal.</summary>
internal sealed record FrameOutcome(MsrpMessage? Message, long Consumed, MsrpParseException? Error)
{
    public bool NeedsMore => Message is null && Error is null;

    /// <summary>One call over <paramref name="sequence"/>; checks that nothing is consumed unless a frame is returned.</summary>
    public static FrameOutcome Read(MsrpParser parser, ReadOnlySequence<byte> sequence)
    {
        var reader = new SequenceReader<byte>(sequence);
        try
        {
            if (parser.TryReadFrame(ref reader, out var message))
            {
                return new FrameOutcome(message, reader.Consumed, null);
            }

            Assert.Equal(0, reader.Consumed);
            return new FrameOutcome(null, 0, null);
        }
        catch (MsrpParseException e)
        {
            Assert.Equal(0, reader.Consumed);
            return new FrameOutcome(null, 0, e);
        }
    }

    /// <summary>
    /// The bytes as a connection receives them: <paramref name="step"/> more bytes at a time, each buffer cut into
    /// segments of <paramref name="segmentSize"/>, the parser called after each arrival until it decides.
    /// </summary>
    public static FrameOutcome Arriving(MsrpParser parser, byte[] bytes, int step, int segmentSize)
    {
        for (var length = Math.Min(step, bytes.Length); ; length = Math.Min(length + step, bytes.Length))
        {
            var outcome = Read(parser, Segments.OfSize(bytes[..length], segmentSize));
            if (!outcome.NeedsMore || length == bytes.Length)
            {
                return outcome;
            }
        }
    }

    /// <summary>One call over <paramref name="sequence"/> with a scan kept between calls, as a connection loop keeps one.</summary>
    public static FrameOutcome Read(MsrpParser parser, ReadOnlySequence<byte> sequence, ref MsrpFrameScan scan)
    {
        var reader = new SequenceReader<byte>(sequence);
        try
        {
            if (parser.TryReadFrame(ref reader, ref scan, out var message))
            {
                Assert.True(scan.IsFresh);
                return new FrameOutcome(message, reader.Consumed, null);
            }

            Assert.Equal(0, reader.Consumed);
            return new FrameOutcome(null, 0, null);
        }
        catch (MsrpParseException e)
        {
            Assert.Equal(0, reader.Consumed);
            Assert.True(scan.IsFresh);
            return new FrameOutcome(null, 0, e);
        }
    }

    /// <summary>
    /// <see cref="Arriving(MsrpParser, byte[], int, int)"/> with one <see cref="MsrpFrameScan"/> kept over the calls;
    /// <paramref name="bytesSearched"/> is the end-line search's work up to the decision.
    /// </summary>
    public static FrameOutcome ArrivingWithScan(MsrpParser parser, byte[] bytes, int step, int segmentSize, out long bytesSearched, out int calls)
    {
        var scan = default(MsrpFrameScan);
        calls = 0;
        for (var length = Math.Min(step, bytes.Length); ; length = Math.Min(length + step, bytes.Length))
        {
            var (before, position) = (scan.BytesSearched, scan.Position);
            calls++;
            var outcome = Read(parser, Segments.OfSize(bytes[..length], segmentSize), ref scan);
            if (!outcome.NeedsMore || length == bytes.Length)
            {
                // A decision starts the scan afresh; the last call searched at most from where the scan stood to the end.
                bytesSearched = outcome.NeedsMore ? scan.BytesSearched : before + (length - position);
                return outcome;
            }
        }
    }

    /// <summary>The same decision: equal frames, or equal refusals down to what they carry, or both waiting.</summary>
    public bool SameAs(FrameOutcome other)
    {
        if (Message is not null || other.Message is not null)
        {
            return Message is not null && other.Message is not null && Message.ContentEquals(other.Message) && Consumed == other.Consumed;
        }

        if (Error is null || other.Error is null)
        {
            return Error is null && other.Error is null;
        }

        return Error.StatusCode == other.Error.StatusCode
               && Error.Reason == other.Error.Reason
               && Error.TransactionId == other.Error.TransactionId
               && Error.Method == other.Error.Method
               && Error.FrameLength == other.Error.FrameLength
               && Path(Error.ToPath) == Path(other.Error.ToPath)
               && Path(Error.FromPath) == Path(other.Error.FromPath);
    }

    public override string ToString()
        => Message is not null ? $"frame {Message.StartLine} ({Consumed} bytes)"
            : Error is not null ? $"refused {Error.StatusCode} {Error.Reason} tid={Error.TransactionId} method={Error.Method} length={Error.FrameLength} to={Path(Error.ToPath)} from={Path(Error.FromPath)}"
            : "need more";

    private static string? Path(IReadOnlyList<MsrpUri>? path) => path is null ? null : string.Join(' ', path);
}
