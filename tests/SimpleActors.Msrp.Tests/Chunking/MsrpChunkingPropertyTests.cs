using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SimpleActors.Msrp.Chunking;
using SimpleActors.Msrp.Message;
using SimpleActors.Msrp.Parsing;
using SimpleActors.Msrp.Reassembly;
using SimpleActors.Msrp.Tests.Parsing;
using SimpleActors.Msrp.Tests.Reassembly;

namespace SimpleActors.Msrp.Tests.Chunking;

/// <summary>
/// End to end over the wire format: a message cut by the chunker, its long chunks interrupted anywhere and continued,
/// written, read back by the parser from a stream arriving in small reads, and reassembled, is the original message.
/// </summary>
public class MsrpChunkingPropertyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly Gen<byte[]> Body = Gen.OneOf(
        Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(),
        from length in Gen.Choose(0, 7000)
        from seed in Gen.Choose(0, int.MaxValue)
        select RandomBytes(length, seed),

        // Bodies full of end-line look-alikes, so that transaction ids must be picked with care.
        from parts in Gen.Elements("\r\n", "-------", "$", "+", "#", "tid1", "-------tid1$\r\n", "x").ArrayOf()
        select System.Text.Encoding.ASCII.GetBytes(string.Concat(parts)));

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Property(MaxTest = 300)]
    public Property A_chunked_and_interrupted_message_reads_back_whole_through_writer_parser_and_reassembly()
        => Prop.ForAll(
            Body.ToArbitrary(),
            Gen.OneOf(Gen.Choose(1, 64), Gen.Choose(2000, 5000)).ToArbitrary(),
            Gen.Choose(0, int.MaxValue).ToArbitrary(),
            (body, maxChunkSize, seed) =>
            {
                var random = new Random(seed);
                var message = new MsrpOutgoingMessage("m1", [Sample.Bob], [Sample.Alice], body.Length == 0 ? null : "application/octet-stream", body);

                // Transaction ids that sometimes collide with a body's end-line look-alikes.
                string NextId() => random.Next(2) == 0 ? "tid1" : MsrpIdentifiers.NewTransactionId();

                var frames = new List<byte[]>();
                long? next = 1;
                while (next is { } start)
                {
                    var chunk = MsrpChunker.Chunk(message, start, maxChunkSize, NextId);
                    if (chunk.Body.Length > maxChunkSize || (chunk.ContentType is null) != chunk.Body.IsEmpty)
                    {
                        return false.Label($"chunk at {start}: {chunk.Body.Length} bytes, Content-Type {chunk.ContentType}");
                    }

                    // RFC 4975 section 7.1.1: only an open-ended chunk (over 2048 bytes) may be cut short.
                    var written = chunk.ByteRange!.Value.End is null ? random.Next(chunk.Body.Length + 1) : chunk.Body.Length;
                    var end = MsrpChunker.End(chunk, written);
                    frames.Add(MsrpMessageWriter.ToBytes(MsrpChunker.AsWritten(chunk, end)));
                    next = end.NextStart;
                }

                // One stream, read back in small pieces with one scan, as a connection would.
                var stream = frames.SelectMany(f => f).ToArray();
                var parser = new MsrpParser();
                var scan = default(MsrpFrameScan);
                var reassembly = new MsrpReassembly();
                var outcomes = new List<MsrpReassemblyOutcome>();
                var consumed = 0;
                for (var length = 0; consumed < stream.Length;)
                {
                    length = Math.Min(stream.Length, length + 1 + random.Next(3000));
                    var reader = new SequenceReader<byte>(Segments.OfSize(stream[consumed..length], 1 + random.Next(1500)));
                    while (parser.TryReadFrame(ref reader, ref scan, out var frame))
                    {
                        outcomes.Add(reassembly.Receive((MsrpRequest)frame, Now));
                    }

                    consumed += (int)reader.Consumed;
                    if (length == stream.Length && reader.Consumed == 0)
                    {
                        return false.Label("the stream ends in an unfinished frame");
                    }
                }

                var complete = outcomes.LastOrDefault() as MsrpReassemblyOutcome.Complete;
                return (outcomes.Count == frames.Count
                        && outcomes.Take(outcomes.Count - 1).All(o => o is MsrpReassemblyOutcome.Accepted)
                        && complete is not null && complete.Body.Span.SequenceEqual(body))
                    .Label($"{frames.Count} frames: {string.Join(", ", outcomes.Select(SendChunk.Describe).Select(d => d.Length > 40 ? d[..40] : d))}");
            });
}
