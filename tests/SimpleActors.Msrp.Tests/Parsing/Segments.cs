using System.Buffers;

namespace SimpleActors.Msrp.Tests.Parsing;

/// <summary>Byte sequences cut into segments, as a pipe hands them to a parser.</summary>
internal static class Segments
{
    /// <summary>Segments of <paramref name="size"/> bytes (the last may be shorter); 1 gives byte by byte.</summary>
    public static ReadOnlySequence<byte> OfSize(byte[] bytes, int size)
    {
        var cuts = new List<int>();
        for (var at = size; at < bytes.Length; at += size)
        {
            cuts.Add(at);
        }

        return CutAt(bytes, cuts);
    }

    /// <summary>Segments ending at the given offsets (sorted, duplicates and out-of-range ones ignored).</summary>
    public static ReadOnlySequence<byte> CutAt(byte[] bytes, IEnumerable<int> cuts)
    {
        var points = cuts.Where(c => c > 0 && c < bytes.Length).Distinct().Order().Append(bytes.Length).ToList();
        if (bytes.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(bytes.AsMemory(0, points[0]), 0);
        var last = first;
        for (var i = 1; i < points.Count; i++)
        {
            last = last.Append(bytes.AsMemory(points[i - 1], points[i] - points[i - 1]));
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
