using System.Globalization;

namespace SimpleActors.Xcap.Usages;

/// <summary>
/// Suggests a value for an <c>&lt;alt-value&gt;</c> of a uniqueness-failure (RFC 4825 section 11): the clashing value
/// with a number added (<c>friends</c> -> <c>friends-2</c>, <c>sip:buddies@example.com</c> ->
/// <c>sip:buddies-2@example.com</c>) that <paramref name="isTaken"/> does not claim.
/// </summary>
public static class AlternativeValue
{
    private const int MaxTries = 1000;

    /// <summary>For a name or id (an NCName stays an NCName).</summary>
    public static string? ForName(string value, Func<string, bool> isTaken)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(isTaken);
        var stem = Stem(value);
        return First(n => $"{stem}-{n.ToString(CultureInfo.InvariantCulture)}", isTaken);
    }

    /// <summary>
    /// For a URI with a user part (<c>scheme:user@host...</c>): the number goes into the user part. Null for a URI without
    /// one (a number added to a host or a telephone number would name some other existing thing).
    /// </summary>
    public static string? ForUri(string uri, Func<string, bool> isTaken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(isTaken);
        var colon = uri.IndexOf(':', StringComparison.Ordinal);
        var question = uri.IndexOf('?', StringComparison.Ordinal);
        var at = (question < 0 ? uri : uri[..question]).LastIndexOf('@');
        if (colon <= 0 || at <= colon + 1)
        {
            return null;
        }

        // The user part ends at '@' or at its first ';' (user parameters of a telephone-subscriber user part).
        var user = uri[(colon + 1)..at];
        var semicolon = user.IndexOf(';', StringComparison.Ordinal);
        var userEnd = semicolon < 0 ? at : colon + 1 + semicolon;
        var stem = Stem(uri[(colon + 1)..userEnd]);
        var prefix = uri[..(colon + 1)];
        var suffix = uri[userEnd..];
        return First(n => $"{prefix}{stem}-{n.ToString(CultureInfo.InvariantCulture)}{suffix}", isTaken);
    }

    private static string Stem(string value)
    {
        var dash = value.LastIndexOf('-');
        return dash > 0 && dash < value.Length - 1 && value.AsSpan(dash + 1).ContainsAnyExceptInRange('0', '9') is false
            ? value[..dash]
            : value;
    }

    private static string? First(Func<int, string> candidate, Func<string, bool> isTaken)
    {
        for (var n = 2; n < MaxTries; n++)
        {
            var value = candidate(n);
            if (!isTaken(value))
            {
                return value;
            }
        }

        return null;
    }
}
