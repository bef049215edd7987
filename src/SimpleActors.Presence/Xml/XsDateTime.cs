using System.Globalization;

namespace SimpleActors.Presence.Xml;

/// <summary>
/// xs:dateTime (XML Schema part 2, section 3.2.7), the type of PIDF and data model timestamps
/// (<c>timestamp</c>, RFC 3863 section 4.1.7; <c>dm:timestamp</c> of persons and devices, RFC 4479).
/// </summary>
internal static class XsDateTime
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>
    /// Parses a timestamp. A value without a time zone is taken as UTC (xs:dateTime leaves it
    /// "local to somewhere"; a server has no better guess). More than seven fractional digits, a
    /// date without a time or any other form is refused.
    /// </summary>
    public static bool TryParse(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(
            CanonicalXml.TrimXmlWhitespace(text),
            Formats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal,
            out value);

    /// <summary>
    /// Writes the instant with its own offset, <c>Z</c> for UTC, and only as many fractional
    /// digits as needed (none for whole seconds): one value, one text.
    /// </summary>
    public static string Format(DateTimeOffset value) =>
        value.Offset == TimeSpan.Zero
            ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
            : value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
}
