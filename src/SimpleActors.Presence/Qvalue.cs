using System.Globalization;
using SimpleActors.Presence.Xml;

namespace SimpleActors.Presence;

/// <summary>
/// The contact priority's type (RFC 3863 section 4.1.5, the schema's qvalue): 0 to 1 with at most
/// three decimals, "0", "0.5", "1.000".
/// </summary>
internal static class Qvalue
{
    public static bool TryParse(string text, out double value)
    {
        var s = CanonicalXml.TrimXmlWhitespace(text).AsSpan();
        value = 0;
        if (s.IsEmpty || (s[0] != '0' && s[0] != '1'))
        {
            return false;
        }

        if (s.Length > 1)
        {
            var decimals = s[2..];
            if (s[1] != '.' || decimals.Length > 3)
            {
                return false;
            }

            foreach (var c in decimals)
            {
                if (!char.IsAsciiDigit(c) || (s[0] == '1' && c != '0'))
                {
                    return false;
                }
            }
        }

        value = double.Parse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>True when <paramref name="value"/> is a qvalue that <see cref="Format"/> writes exactly.</summary>
    public static bool IsValid(double value) => value is >= 0 and <= 1 && Math.Round(value, 3) == value;

    public static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
