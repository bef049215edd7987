using System.Buffers;
using SimpleActors.Msrp.Message;
using SimpleActors.Msrp.Parsing;

namespace SimpleActors.Fuzz;

/// <summary>
/// The MSRP frame parser over a stream: the input framed as one buffer, cut in two segments and byte by byte, with the
/// default limits and with small ones; and, when short, arriving a byte at a time, with and without a scan kept between
/// calls. Every way must frame the same messages and end with the same wait or the same refusal. A parsed message is
/// written and must read back equal; the response to it, and to a refused request that can be answered, must write and
/// read back too.
/// </summary>
internal sealed class MsrpFrameTarget : IFuzzTarget
{
    private readonly MsrpParser parser = new();
    private readonly MsrpParser small = new(new MsrpParserLimits { MaxHeadSize = 256, MaxHeaderCount = 8, MaxBodySize = 256 });

    // Reads back what was written: a new transaction id may lengthen a frame a little.
    private readonly MsrpParser reader = new(new MsrpParserLimits { MaxHeadSize = 1 << 20, MaxHeaderCount = 1 << 16, MaxBodySize = 1 << 24 });

    public void Run(ReadOnlySpan<byte> input)
    {
        var bytes = input.ToArray();
        foreach (var limited in new[] { parser, small })
        {
            var whole = ReadAll(limited, new ReadOnlySequence<byte>(bytes));
            Same(whole, ReadAll(limited, Segments.CutAt(bytes, bytes.Length / 2)), "cut in two");
            Same(whole, ReadAll(limited, Segments.OfSize(bytes, 1)), "byte by byte");
            if (bytes.Length <= 2048)
            {
                Same(whole.Take(1).ToList(), [Arriving(limited, bytes)], "arriving a byte at a time");
                Same(whole.Take(1).ToList(), [ArrivingWithScan(limited, bytes)], "arriving a byte at a time, with a scan");
            }

            foreach (var step in whole)
            {
                Check(step);
            }
        }
    }

    /// <summary>Frame after frame until the parser waits or refuses.</summary>
    private static List<Step> ReadAll(MsrpParser parser, ReadOnlySequence<byte> sequence)
    {
        var steps = new List<Step>();
        var reader = new SequenceReader<byte>(sequence);
        try
        {
            while (true)
            {
                var before = reader.Consumed;
                if (!parser.TryReadFrame(ref reader, out var message))
                {
                    Unconsumed(reader, before);
                    steps.Add(new Step(null, 0, null));
                    return steps;
                }

                steps.Add(new Step(message, reader.Consumed - before, null));
            }
        }
        catch (MsrpParseException e)
        {
            steps.Add(new Step(null, 0, e));
            if (e.FrameLength > reader.Remaining)
            {
                throw new FuzzFinding($"a refusal says the frame is {e.FrameLength} bytes, only {reader.Remaining} are buffered", e);
            }

            return steps;
        }
    }

    /// <summary>The first decision as a connection sees it: the parser called again after every byte.</summary>
    private static Step Arriving(MsrpParser parser, byte[] bytes)
    {
        for (var length = 1; length <= bytes.Length; length++)
        {
            var step = ReadAll(parser, new ReadOnlySequence<byte>(bytes, 0, length))[0];
            if (step.Message is not null || step.Error is not null)
            {
                return step;
            }
        }

        return new Step(null, 0, null);
    }

    /// <summary><see cref="Arriving"/> with one <see cref="MsrpFrameScan"/> kept over the calls, as a connection loop keeps it.</summary>
    private static Step ArrivingWithScan(MsrpParser parser, byte[] bytes)
    {
        var scan = default(MsrpFrameScan);
        for (var length = 1; length <= bytes.Length; length++)
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes, 0, length));
            try
            {
                if (parser.TryReadFrame(ref reader, ref scan, out var message))
                {
                    return new Step(message, reader.Consumed, null);
                }

                Unconsumed(reader, 0);
            }
            catch (MsrpParseException e)
            {
                return new Step(null, 0, e);
            }
        }

        return new Step(null, 0, null);
    }

    private static void Unconsumed(SequenceReader<byte> reader, long before)
    {
        if (reader.Consumed != before)
        {
            throw new FuzzFinding("the parser consumed bytes without returning a frame");
        }
    }

    private static void Same(List<Step> expected, List<Step> actual, string how)
    {
        if (expected.Count != actual.Count || expected.Zip(actual).Any(p => !p.First.SameAs(p.Second)))
        {
            throw new FuzzFinding($"framed {how}, the parser decided otherwise: {string.Join(", ", actual)} instead of {string.Join(", ", expected)}");
        }
    }

    private void Check(Step step)
    {
        if (step.Message is { } message)
        {
            RoundTrip(message, "a parsed message");
            if (message is MsrpRequest { Method: not MsrpMethod.Report } request)
            {
                RoundTrip(MsrpResponse.ForRequest(request, 200), "the response to a parsed request");
            }
        }
        else if (step.Error is { } error)
        {
            var answer = MsrpResponse.ForRejected(error);
            if (error.CanAnswer != answer is not null)
            {
                throw new FuzzFinding("CanAnswer and ForRejected disagree", error);
            }

            if (answer is not null)
            {
                RoundTrip(answer, "the answer to a refused request");
            }
        }
    }

    private void RoundTrip(MsrpMessage message, string what)
    {
        var bytes = MsrpMessageWriter.ToBytes(message);
        if (bytes.Length != MsrpMessageWriter.GetByteCount(message))
        {
            throw new FuzzFinding($"{what}: GetByteCount differs from the bytes written");
        }

        MsrpMessage again;
        try
        {
            again = reader.Parse(bytes);
        }
        catch (MsrpParseException e)
        {
            throw new FuzzFinding($"{what}, written, does not parse again", e);
        }

        if (!again.ContentEquals(message))
        {
            throw new FuzzFinding($"{what}, written and parsed again, is not the same message");
        }
    }

    private sealed record Step(MsrpMessage? Message, long Consumed, MsrpParseException? Error)
    {
        public bool SameAs(Step other)
        {
            if (Message is not null || other.Message is not null)
            {
                return Message is not null && other.Message is not null && Consumed == other.Consumed && Message.ContentEquals(other.Message);
            }

            return (Error, other.Error) switch
            {
                (null, null) => true,
                ({ } a, { } b) => a.StatusCode == b.StatusCode && a.Reason == b.Reason && a.TransactionId == b.TransactionId
                                  && a.Method == b.Method && a.FrameLength == b.FrameLength && a.CanAnswer == b.CanAnswer
                                  && Text(a.ToPath) == Text(b.ToPath) && Text(a.FromPath) == Text(b.FromPath),
                _ => false,
            };
        }

        public override string ToString()
            => Message is not null ? $"frame {Message.StartLine} ({Consumed} bytes)"
                : Error is not null ? $"refused {Error.StatusCode} {Error.Reason} (tid {Error.TransactionId}, length {Error.FrameLength})"
                : "wait";

        private static string? Text(IReadOnlyList<Msrp.Addressing.MsrpUri>? path) => path is null ? null : string.Join(' ', path);
    }

    private static class Segments
    {
        public static ReadOnlySequence<byte> CutAt(byte[] bytes, int at)
        {
            if (at <= 0 || at >= bytes.Length)
            {
                return new ReadOnlySequence<byte>(bytes);
            }

            var first = new Segment(bytes.AsMemory(0, at), 0);
            var last = first.Append(bytes.AsMemory(at));
            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }

        public static ReadOnlySequence<byte> OfSize(byte[] bytes, int size)
        {
            if (bytes.Length <= size)
            {
                return new ReadOnlySequence<byte>(bytes);
            }

            var first = new Segment(bytes.AsMemory(0, size), 0);
            var last = first;
            for (var at = size; at < bytes.Length; at += size)
            {
                last = last.Append(bytes.AsMemory(at, Math.Min(size, bytes.Length - at)));
            }

            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }
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
