namespace SimpleActors.Msrp.Reassembly;

/// <summary>
/// The bytes of one unfinished message, as ranges stored apart, sorted by position and never overlapping: a chunk
/// over bytes already held replaces them (RFC 4975 section 5.1). Owned by one <see cref="MsrpReassembly"/>.
/// </summary>
internal sealed class MsrpPartialMessage
{
    private readonly List<Range> ranges = [];

    public MsrpPartialMessage(string messageId, DateTimeOffset now)
    {
        MessageId = messageId;
        LastActivity = now;
    }

    public string MessageId { get; }

    /// <summary>The Content-Type of the first chunk that had one.</summary>
    public string? ContentType { get; set; }

    /// <summary>The message's size once a chunk told it, or the end of its last chunk.</summary>
    public long? Total { get; set; }

    /// <summary>The chunk that ends the message (<c>$</c>) has arrived.</summary>
    public bool LastSeen { get; set; }

    public DateTimeOffset LastActivity { get; set; }

    /// <summary>Bytes held, each position once.</summary>
    public long Received { get; private set; }

    /// <summary>The ranges stored apart.</summary>
    public int RangeCount => ranges.Count;

    /// <summary>The position of the last byte held; 0 when none.</summary>
    public long HighestEnd => ranges.Count == 0 ? 0 : ranges[^1].End;

    /// <summary>What holding the message costs: its bytes, and <paramref name="rangeCost"/> for each range.</summary>
    public long Cost(int rangeCost) => Received + ((long)RangeCount * rangeCost);

    /// <summary>How many of the positions <paramref name="start"/> to <paramref name="end"/> are held already.</summary>
    public long Overlap(long start, long end)
    {
        long overlap = 0;
        for (var i = FirstEndingAtOrAfter(start); i < ranges.Count && ranges[i].Start <= end; i++)
        {
            overlap += Math.Min(end, ranges[i].End) - Math.Max(start, ranges[i].Start) + 1;
        }

        return overlap;
    }

    /// <summary>Stores <paramref name="bytes"/> from position <paramref name="start"/>, replacing what was held there.</summary>
    public void Write(long start, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        var end = start + bytes.Length - 1;
        var first = FirstEndingAtOrAfter(start);
        var last = first;
        Range? left = null;
        Range? right = null;
        for (; last < ranges.Count && ranges[last].Start <= end; last++)
        {
            var held = ranges[last];
            Received -= held.Bytes.Length;
            if (held.Start < start)
            {
                left = new Range(held.Start, held.Bytes.AsSpan(0, (int)(start - held.Start)).ToArray());
            }

            if (held.End > end)
            {
                right = new Range(end + 1, held.Bytes.AsSpan((int)(end + 1 - held.Start)).ToArray());
            }
        }

        ranges.RemoveRange(first, last - first);
        var insert = first;
        foreach (var piece in new[] { left, new Range(start, bytes.ToArray()), right })
        {
            if (piece is not null)
            {
                ranges.Insert(insert++, piece);
                Received += piece.Bytes.Length;
            }
        }
    }

    /// <summary>The message's bytes in order; every position from 1 to <paramref name="total"/> is held.</summary>
    public byte[] Assemble(long total)
    {
        var message = new byte[total];
        foreach (var range in ranges)
        {
            range.Bytes.CopyTo(message.AsSpan((int)(range.Start - 1)));
        }

        return message;
    }

    // The index of the first range that ends at or after position; ranges.Count when none does.
    private int FirstEndingAtOrAfter(long position)
    {
        int lo = 0, hi = ranges.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (ranges[mid].End < position)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private sealed record Range(long Start, byte[] Bytes)
    {
        public long End => Start + Bytes.Length - 1;
    }
}
