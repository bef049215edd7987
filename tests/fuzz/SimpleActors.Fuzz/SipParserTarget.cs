using System.Buffers;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Fuzz;

/// <summary>
/// The SIP parser: the input as a datagram and as a stream cut in two segments, the pre-routing checks, the answer to a
/// refused request (<see cref="MalformedRequest"/>), and for a valid message the serializer, whose bytes must parse again.
/// </summary>
internal sealed class SipParserTarget : IFuzzTarget
{
    private readonly SipParser parser = new();

    public void Run(ReadOnlySpan<byte> input)
    {
        SipMessage? message = null;
        try
        {
            message = parser.ParseDatagram(input);
        }
        catch (SipParseException e)
        {
            if (MalformedRequest.TryCreateResponse(input, e) is { } answer)
            {
                _ = SipMessageWriter.ToBytes(answer);
            }
        }

        if (message is not null && SipMessageValidator.TryValidate(message, out _))
        {
            var bytes = SipMessageWriter.ToBytes(message);
            try
            {
                _ = parser.Parse(bytes);
            }
            catch (SipParseException e)
            {
                throw new FuzzFinding("a valid message, serialized, does not parse again", e);
            }
        }

        Frame(input);
    }

    private void Frame(ReadOnlySpan<byte> input)
    {
        var bytes = input.ToArray();
        var half = bytes.Length / 2;
        var first = new Segment(bytes.AsMemory(0, half));
        var last = first.Append(bytes.AsMemory(half));
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length));
        try
        {
            while (parser.TryReadFrame(ref reader, out _) != SipFrame.Incomplete)
            {
            }
        }
        catch (SipParseException)
        {
            // Framing lost: the connection would be closed.
        }
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
