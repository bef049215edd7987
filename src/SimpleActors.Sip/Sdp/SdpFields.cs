namespace SimpleActors.Sip.Sdp;

/// <summary>The space-separated fields of an o=, c= or m= value, and of MSRP's list attributes.</summary>
internal static class SdpFields
{
    /// <summary>
    /// Splits on runs of spaces and tabs. RFC 8866 asks for exactly one SP between fields; a run of them is read as one,
    /// since the line itself is kept and written as it came.
    /// </summary>
    public static string[] Split(string value) => value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A field: not empty, no whitespace, no CR, LF or NUL.</summary>
    public static bool IsField(string? value)
        => !string.IsNullOrEmpty(value) && value.AsSpan().IndexOfAny(" \t\r\n\0") < 0;

    /// <summary>An unsigned decimal of at most <paramref name="maxDigits"/> digits.</summary>
    public static bool TryParseNumber(string text, int maxDigits, out long number)
    {
        number = 0;
        if (text.Length == 0 || text.Length > maxDigits)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            number = (number * 10) + (c - '0');
        }

        return true;
    }
}
