using System.Text;

namespace SimpleActors.Integration.Tests;

/// <summary>
/// Deterministic mutations of a SIP message, for flooding a node with what a broken or hostile peer sends: bit flips,
/// truncation, a header line duplicated or removed, a header value made huge.
/// </summary>
internal sealed class MessageMutator(int seed)
{
    private static readonly byte[] Crlf = "\r\n"u8.ToArray();

    private readonly Random random = new(seed);

    public byte[] Mutate(byte[] message)
    {
        var mutated = message;
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            mutated = random.Next(5) switch
            {
                0 => FlipBits(mutated),
                1 => mutated[..random.Next(mutated.Length + 1)],
                2 => EditLine(mutated, duplicate: true),
                3 => EditLine(mutated, duplicate: false),
                _ => HugeValue(mutated),
            };
        }

        return mutated;
    }

    private byte[] FlipBits(byte[] message)
    {
        var flipped = (byte[])message.Clone();
        for (var flips = random.Next(1, 9); flips > 0 && flipped.Length > 0; flips--)
        {
            flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
        }

        return flipped;
    }

    /// <summary>One line of the head (not the start line) written twice, or left out.</summary>
    private byte[] EditLine(byte[] message, bool duplicate)
    {
        var lines = Lines(message);
        if (lines.Count < 2)
        {
            return message;
        }

        var (start, length) = lines[random.Next(1, lines.Count)];
        var line = message.AsSpan(start, length + Crlf.Length).ToArray();
        return duplicate
            ? [.. message.AsSpan(0, start), .. line, .. message.AsSpan(start)]
            : [.. message.AsSpan(0, start), .. message.AsSpan(start + line.Length)];
    }

    /// <summary>A header line whose value is made 1 to 50 KB long (one datagram still carries it).</summary>
    private byte[] HugeValue(byte[] message)
    {
        var lines = Lines(message);
        if (lines.Count < 2)
        {
            return message;
        }

        var (start, length) = lines[random.Next(1, lines.Count)];
        var colon = message.AsSpan(start, length).IndexOf((byte)':');
        var at = colon < 0 ? start + length : start + colon + 1;
        var filler = Encoding.ASCII.GetBytes(new string((char)random.Next('0', 'z' + 1), random.Next(1_000, 50_000)));
        return [.. message.AsSpan(0, at), .. filler, .. message.AsSpan(at)];
    }

    /// <summary>The CRLF-ended lines of the head: start and length without the CRLF.</summary>
    private static List<(int Start, int Length)> Lines(byte[] message)
    {
        var lines = new List<(int, int)>();
        var start = 0;
        while (start < message.Length)
        {
            var end = message.AsSpan(start).IndexOf(Crlf);
            if (end <= 0)
            {
                break; // the empty line ends the head
            }

            lines.Add((start, end));
            start += end + Crlf.Length;
        }

        return lines;
    }
}
