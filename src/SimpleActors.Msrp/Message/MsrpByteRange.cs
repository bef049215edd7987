using System.Globalization;

namespace SimpleActors.Msrp.Message;

/// <summary>
/// The Byte-Range header (RFC 4975 section 7.1.1): <c>start-end/total</c>, 1-based and inclusive; <c>*</c> for an end the
/// sender may still interrupt and for a total it does not know. A bodiless SEND says <c>1-0/0</c>.
/// </summary>
public readonly record struct MsrpByteRange
{
    public MsrpByteRange(long start, long? end, long? total)
    {
        if (!IsValid(start, end, total))
        {
            throw new ArgumentException($"Not a byte range: {Format(start, end, total)}");
        }

        Start = start;
        End = end;
        Total = total;
    }

    /// <summary>The position of the chunk's first byte in the message, from 1.</summary>
    public long Start { get; }

    /// <summary>The position of the chunk's last byte; null for <c>*</c>.</summary>
    public long? End { get; }

    /// <summary>The size of the whole message; null for <c>*</c>.</summary>
    public long? Total { get; }

    /// <summary>
    /// Reads <c>range-start "-" range-end "/" total</c> (RFC 4975 section 9). Also refused: a start of 0, an end before
    /// the start less one, an end past the total.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out MsrpByteRange range)
    {
        range = default;
        var dash = text.IndexOf('-');
        var slash = text.IndexOf('/');
        if (dash <= 0 || slash < dash)
        {
            return false;
        }

        if (!TryNumber(text[..dash], out var start)
            || !TryNumberOrStar(text[(dash + 1)..slash], out var end)
            || !TryNumberOrStar(text[(slash + 1)..], out var total)
            || !IsValid(start, end, total))
        {
            return false;
        }

        range = new MsrpByteRange(start, end, total);
        return true;
    }

    public override string ToString() => Format(Start, End, Total);

    private static bool IsValid(long start, long? end, long? total)
        => start >= 1 && (end is null || end >= start - 1) && (total is null || total >= 0) && (end is null || total is null || end <= total);

    private static string Format(long start, long? end, long? total)
        => string.Create(CultureInfo.InvariantCulture, $"{start}-{(end is { } e ? e.ToString(CultureInfo.InvariantCulture) : "*")}/{(total is { } t ? t.ToString(CultureInfo.InvariantCulture) : "*")}");

    private static bool TryNumberOrStar(ReadOnlySpan<char> text, out long? value)
    {
        value = null;
        if (text is "*")
        {
            return true;
        }

        if (!TryNumber(text, out var number))
        {
            return false;
        }

        value = number;
        return true;
    }

    // 1*DIGIT, at most 18 digits so that it fits a long.
    private static bool TryNumber(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        return text.Length is >= 1 and <= 18 && !text.ContainsAnyExceptInRange('0', '9')
               && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
