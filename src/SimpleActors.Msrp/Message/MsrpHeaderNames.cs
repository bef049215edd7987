using System.Text;

namespace SimpleActors.Msrp.Message;

/// <summary>
/// The header names of RFC 4975 section 9 and RFC 4976 section 7. Names are matched case-insensitively and written
/// in the case given here.
/// </summary>
public static class MsrpHeaderNames
{
    public const string ToPath = "To-Path";
    public const string FromPath = "From-Path";
    public const string MessageId = "Message-ID";
    public const string ByteRange = "Byte-Range";
    public const string SuccessReport = "Success-Report";
    public const string FailureReport = "Failure-Report";
    public const string Status = "Status";
    public const string ContentType = "Content-Type";
    public const string ContentId = "Content-ID";
    public const string ContentDescription = "Content-Description";
    public const string ContentDisposition = "Content-Disposition";
    public const string Expires = "Expires";
    public const string MinExpires = "Min-Expires";
    public const string MaxExpires = "Max-Expires";
    public const string UsePath = "Use-Path";
    public const string WwwAuthenticate = "WWW-Authenticate";
    public const string Authorization = "Authorization";
    public const string AuthenticationInfo = "Authentication-Info";

    private static readonly string[] Known =
    [
        ToPath, FromPath, MessageId, ByteRange, SuccessReport, FailureReport, Status, ContentType, ContentId,
        ContentDescription, ContentDisposition, Expires, MinExpires, MaxExpires, UsePath, WwwAuthenticate, Authorization,
        AuthenticationInfo,
    ];

    private static readonly byte[][] KnownBytes = Known.Select(Encoding.ASCII.GetBytes).ToArray();

    /// <summary>The canonical spelling of a known name, or null.</summary>
    internal static string? Canonical(ReadOnlySpan<char> name)
    {
        foreach (var known in Known)
        {
            if (name.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return null;
    }

    /// <summary>The canonical spelling of a known name given as bytes, or null.</summary>
    internal static string? Canonical(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < KnownBytes.Length; i++)
        {
            if (System.Text.Ascii.EqualsIgnoreCase(name, KnownBytes[i]))
            {
                return Known[i];
            }
        }

        return null;
    }
}
