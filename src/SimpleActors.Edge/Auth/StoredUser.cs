using SimpleActors.Sip.Auth;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Edge.Auth;

/// <summary>
/// One user of the credentials file: the canonical AOR, the realm (the domain) and, per digest
/// algorithm (<c>MD5</c>, <c>SHA-256</c>), HA1 = H(username:realm:password). Never the password.
/// </summary>
public sealed class StoredUser
{
    public StoredUser(string aor, string realm, IReadOnlyDictionary<string, string> ha1)
    {
        ArgumentNullException.ThrowIfNull(aor);
        ArgumentNullException.ThrowIfNull(realm);
        ArgumentNullException.ThrowIfNull(ha1);
        Aor = aor;
        Realm = realm;
        Ha1 = new SortedDictionary<string, string>(ha1.ToDictionary(), StringComparer.Ordinal);
    }

    /// <summary>The canonical address of record, <c>sip:alice@example.com</c>.</summary>
    public string Aor { get; }

    /// <summary>The digest realm the HA1s were computed for: the AOR's domain.</summary>
    public string Realm { get; }

    /// <summary>HA1 in lower-case hex, by algorithm name (<c>MD5</c>, <c>SHA-256</c>).</summary>
    public IReadOnlyDictionary<string, string> Ha1 { get; }

    /// <summary>The digest username: the user part of the AOR.</summary>
    public string Username => SipUri.Parse(Aor).User ?? string.Empty;

    /// <summary>The algorithms with a stored HA1, in the order they are offered.</summary>
    public IReadOnlyList<string> Algorithms => [.. Ha1.Keys.OrderBy(name => name == DigestAlgorithm.Sha256.Name ? 0 : 1).ThenBy(n => n, StringComparer.Ordinal)];

    /// <summary>
    /// A user from an AOR and a password: the AOR is canonicalised (<see cref="CanonicalAor"/>), the
    /// realm is its domain, and the HA1 of every stored algorithm is computed; the password is not kept.
    /// </summary>
    public static StoredUser Create(string aor, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        var uri = ParseAor(aor);
        var realm = uri.Host;
        var ha1 = DigestAlgorithm.Stored.ToDictionary(a => a.Name, a => DigestCalculator.Ha1(a, uri.User!, realm, password));
        return new StoredUser(uri.ToString(), realm, ha1);
    }

    /// <summary>
    /// The canonical form of an AOR (<c>sip:Alice@EXAMPLE.com;transport=tcp</c> gives
    /// <c>sip:Alice@example.com</c>); throws <see cref="FormatException"/> for anything but a sip: or
    /// sips: URI with a user part.
    /// </summary>
    public static string CanonicalAor(string aor) => ParseAor(aor).ToString();

    /// <summary>True when <paramref name="aor"/> is a SIP AOR with a user part; gives its canonical form.</summary>
    public static bool TryCanonicalAor(string? aor, out string canonical)
    {
        canonical = string.Empty;
        if (aor is null)
        {
            return false;
        }

        try
        {
            canonical = CanonicalAor(aor);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static SipUri ParseAor(string aor)
    {
        ArgumentNullException.ThrowIfNull(aor);
        SipUri uri;
        try
        {
            uri = SipUri.ParseAddressOfRecord(aor);
        }
        catch (SipParseException e)
        {
            throw new FormatException($"'{aor}' is not a SIP address of record: {e.Reason}.", e);
        }

        if (string.IsNullOrEmpty(uri.User))
        {
            throw new FormatException($"'{aor}' has no user part; an address of record looks like sip:alice@example.com.");
        }

        if (uri.IsSecure)
        {
            // One account, whichever scheme the client used: the store keys users by their sip: AOR.
            uri = SipUri.Create(uri.Host, uri.User);
        }

        if (uri.IsIPv6Host)
        {
            throw new FormatException($"'{aor}' names an IPv6 host; users belong to a domain.");
        }

        return uri;
    }
}
