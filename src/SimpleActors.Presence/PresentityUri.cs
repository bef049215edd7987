using System.Buffers;

namespace SimpleActors.Presence;

/// <summary>
/// The check on a PIDF <c>entity</c>: the presentity's URI (RFC 3863 section 4.1.1), a
/// <c>pres:</c> URI (RFC 3859) or the <c>sip:</c>/<c>sips:</c> URI a SIMPLE server uses in its
/// place (the presence event package names the presentity by its SIP URI). Scheme case is ignored; the rest must be non-empty and made of
/// RFC 3986 URI characters (section 2), percent-encoding included.
/// </summary>
internal static class PresentityUri
{
    private static readonly SearchValues<char> UriCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%");

    public static bool IsValid(string? value)
    {
        if (value is null)
        {
            return false;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == value.Length - 1)
        {
            return false;
        }

        var scheme = value.AsSpan(0, colon);
        if (!scheme.Equals("pres", StringComparison.OrdinalIgnoreCase)
            && !scheme.Equals("sip", StringComparison.OrdinalIgnoreCase)
            && !scheme.Equals("sips", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return IsUriText(value.AsSpan(colon + 1));
    }

    /// <summary>RFC 3986 section 2: unreserved, reserved and '%' only.</summary>
    public static bool IsUriText(ReadOnlySpan<char> value) => !value.IsEmpty && !value.ContainsAnyExcept(UriCharacters);
}
