using System.Globalization;

namespace SimpleActors.Msrp.Cpim;

/// <summary>
/// RFC 3339 section 5.6 date-time, the form of CPIM's DateTime (RFC 3862 section 4.4), IMDN's &lt;datetime&gt; (RFC 5438
/// section 7.2.1) and isComposing's &lt;lastactive&gt; (RFC 3994 section 6): <c>2000-12-13T13:40:00-08:00</c>. The offset is
/// kept. Read strictly: a time zone is required; a leap second (":60") and offsets beyond what <see cref="DateTimeOffset"/>
/// holds (±14:00) are refused; fractions beyond 100 ns are cut.
/// </summary>
internal static class Rfc3339DateTime
{
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;

        // full-date "T" partial-time: 19 characters, then an optional fraction, then the offset.
        if (text.Length < 20
            || !Digits(text, 0, 4, out var year) || text[4] != '-'
            || !Digits(text, 5, 2, out var month) || text[7] != '-'
            || !Digits(text, 8, 2, out var day) || text[10] is not ('T' or 't')
            || !Digits(text, 11, 2, out var hour) || text[13] != ':'
            || !Digits(text, 14, 2, out var minute) || text[16] != ':'
            || !Digits(text, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var i = 19;
        long fraction = 0;
        if (text[i] == '.')
        {
            var start = ++i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                if (i - start < 7)
                {
                    fraction = (fraction * 10) + (text[i] - '0');
                }

                i++;
            }

            if (i == start)
            {
                return false;
            }

            for (var scale = i - start; scale < 7; scale++)
            {
                fraction *= 10;
            }
        }

        if (!Offset(text[i..], out var offset))
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fraction);
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(local, offset);
        return true;
    }

    /// <summary>time-offset = "Z" / ( "+" / "-" ) time-hour ":" time-minute, within ±14:00.</summary>
    private static bool Offset(ReadOnlySpan<char> text, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (text is ['Z' or 'z'])
        {
            return true;
        }

        if (text.Length != 6 || text[0] is not ('+' or '-') || text[3] != ':'
            || !Digits(text, 1, 2, out var hours) || !Digits(text, 4, 2, out var minutes) || minutes > 59)
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0);
        if (offset > TimeSpan.FromHours(14))
        {
            return false;
        }

        if (text[0] == '-')
        {
            offset = -offset;
        }

        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, int start, int count, out int value)
    {
        value = 0;
        foreach (var c in text.Slice(start, count))
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    /// <summary>The canonical form: seconds always, a fraction only when there is one, "Z" for a zero offset.</summary>
    public static string Format(DateTimeOffset value)
    {
        var text = value.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture);
        var ticks = value.Ticks % TimeSpan.TicksPerSecond;
        if (ticks != 0)
        {
            text += "." + ticks.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
        }

        if (value.Offset == TimeSpan.Zero)
        {
            return text + "Z";
        }

        var offset = value.Offset.Duration();
        return text + (value.Offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
    }
}
