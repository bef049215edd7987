namespace SimpleActors.Msrp.Cpim;

/// <summary>
/// One encapsulated MIME header of a CPIM message (RFC 3862 section 2: after the message headers), such as
/// <c>Content-Type: text/plain; charset=utf-8</c>. Names compare without case (RFC 2045); the reader gives the
/// well-known ones in their canonical case.
/// </summary>
/// <param name="Name">The header name.</param>
/// <param name="Value">The value, unfolded, without leading or trailing white space.</param>
public sealed record MimeHeader(string Name, string Value)
{
    /// <summary>Content-Type, the one MIME header every CPIM message carries.</summary>
    public const string ContentType = "Content-Type";

    /// <summary>Content-Disposition, <c>notification</c> on an IMDN (RFC 5438 section 7.2.1).</summary>
    public const string ContentDisposition = "Content-Disposition";

    /// <summary>Content-ID.</summary>
    public const string ContentId = "Content-ID";

    private static readonly string[] Canonical =
    [
        ContentType, ContentDisposition, ContentId, "Content-Length", "Content-Transfer-Encoding", "Content-Language",
        "Content-Description", "MIME-Version",
    ];

    public bool Equals(MimeHeader? other) =>
        other is not null && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase) && Value == other.Value;

    public override int GetHashCode() => HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(Name), Value);

    /// <summary>A well-known name in its canonical case; any other name as given.</summary>
    public static string CanonicalName(string name)
    {
        foreach (var known in Canonical)
        {
            if (string.Equals(known, name, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return name;
    }
}
