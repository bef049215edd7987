using System.Security.Cryptography;
using System.Text;

namespace SimpleActors.Sip.Auth;

/// <summary>
/// The digest computations of RFC 3261 section 22.4 and RFC 7616 section 3.4, as pure functions on
/// strings. Hashes are lower-case hex, as the <c>response</c> parameter carries them.
/// </summary>
public static class DigestCalculator
{
    /// <summary>HA1 = H(username ":" realm ":" password) (RFC 7616 section 3.4.2).</summary>
    public static string Ha1(DigestAlgorithm algorithm, string username, string realm, string password)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return algorithm.Base.Hash($"{username}:{realm}:{password}");
    }

    /// <summary>
    /// The HA1 a <c>-sess</c> algorithm uses: H(H(username:realm:password) ":" nonce ":" cnonce),
    /// from the stored HA1 of its base algorithm (RFC 7616 section 3.4.2).
    /// </summary>
    public static string SessionHa1(DigestAlgorithm algorithm, string storedHa1, string nonce, string cnonce)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return algorithm.Hash($"{storedHa1}:{nonce}:{cnonce}");
    }

    /// <summary>HA2 = H(method ":" digest-uri) for qop=auth or no qop (RFC 7616 section 3.4.3).</summary>
    public static string Ha2(DigestAlgorithm algorithm, string method, string digestUri)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return algorithm.Hash($"{method}:{digestUri}");
    }

    /// <summary>response = H(HA1 ":" nonce ":" nc ":" cnonce ":" qop ":" HA2) (RFC 7616 section 3.4.1).</summary>
    public static string Response(DigestAlgorithm algorithm, string ha1, string nonce, string nonceCount, string cnonce, string qop, string ha2)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return algorithm.Hash($"{ha1}:{nonce}:{nonceCount}:{cnonce}:{qop}:{ha2}");
    }

    /// <summary>response = H(HA1 ":" nonce ":" HA2), the RFC 2069 form without qop (RFC 3261 section 22.4, MD5 only here).</summary>
    public static string ResponseWithoutQop(DigestAlgorithm algorithm, string ha1, string nonce, string ha2)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return algorithm.Hash($"{ha1}:{nonce}:{ha2}");
    }

    /// <summary>
    /// Whether a received <c>response</c> (or any hex hash) equals the expected one, in constant time. The RFC writes
    /// lower-case hex (RFC 7616 section 3.4.1); a client writing upper case is forgiven.
    /// </summary>
    public static bool ResponsesMatch(string expected, string received)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(received);
        var receivedBytes = Encoding.ASCII.GetBytes(received.ToLowerInvariant());
        var expectedBytes = Encoding.ASCII.GetBytes(expected);
        return CryptographicOperations.FixedTimeEquals(expectedBytes, receivedBytes);
    }

    /// <summary>
    /// The response a client computes from the password: what a test or a client of our own sends.
    /// <paramref name="qop"/> null gives the RFC 2069 form.
    /// </summary>
    public static string ClientResponse(
        DigestAlgorithm algorithm, string username, string realm, string password, string method, string digestUri,
        string nonce, string? qop = "auth", string nonceCount = "00000001", string cnonce = "")
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        var ha1 = Ha1(algorithm, username, realm, password);
        if (algorithm.IsSession)
        {
            ha1 = SessionHa1(algorithm, ha1, nonce, cnonce);
        }

        var ha2 = Ha2(algorithm, method, digestUri);
        return qop is null
            ? ResponseWithoutQop(algorithm, ha1, nonce, ha2)
            : Response(algorithm, ha1, nonce, nonceCount, cnonce, qop, ha2);
    }
}
