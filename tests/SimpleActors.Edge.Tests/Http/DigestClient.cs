using System.Security.Cryptography;
using System.Text;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Tests.Http;

/// <summary>
/// A digest client written from RFC 7616 section 3.4 on its own (System.Security.Cryptography, not the server's
/// DigestCalculator), so that the tests check the server against an independent computation.
/// </summary>
internal static class DigestClient
{
    /// <summary>H(data) in lower-case hex for <c>MD5</c>, <c>SHA-256</c> and their <c>-sess</c> variants.</summary>
    public static string H(string algorithm, string data)
    {
        var bytes = Encoding.UTF8.GetBytes(data);
#pragma warning disable CA5351 // MD5: the algorithm under test
        var hash = algorithm.StartsWith("MD5", StringComparison.OrdinalIgnoreCase) ? MD5.HashData(bytes) : SHA256.HashData(bytes);
#pragma warning restore CA5351
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>The challenge of <paramref name="challenges"/> for <paramref name="algorithm"/>.</summary>
    public static AuthChallenge Pick(IEnumerable<string> challenges, string algorithm) =>
        challenges.Select(AuthChallenge.Parse).First(c => c.IsDigest && string.Equals(c.Algorithm, algorithm, StringComparison.OrdinalIgnoreCase));

    /// <summary>The response value for the password (RFC 7616 section 3.4.1, qop=auth).</summary>
    public static string Response(
        string algorithm, string username, string realm, string password, string method, string uri, string nonce, string nc, string cnonce)
    {
        var ha1 = H(algorithm, $"{username}:{realm}:{password}");
        if (algorithm.EndsWith("-sess", StringComparison.OrdinalIgnoreCase))
        {
            ha1 = H(algorithm, $"{ha1}:{nonce}:{cnonce}");
        }

        var ha2 = H(algorithm, $"{method}:{uri}");
        return H(algorithm, $"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}");
    }

    /// <summary>
    /// The rspauth the server should send (RFC 7616 section 3.5): the response with A2 = ":" uri.
    /// </summary>
    public static string Rspauth(
        string algorithm, string username, string realm, string password, string uri, string nonce, string nc, string cnonce) =>
        Response(algorithm, username, realm, password, string.Empty, uri, nonce, nc, cnonce);

    /// <summary>An Authorization value answering <paramref name="challenge"/>.</summary>
    public static string Authorization(
        AuthChallenge challenge, string username, string password, string method, string uri, string nc = "00000001", string cnonce = "0a4f113b",
        string? algorithm = null)
    {
        algorithm ??= challenge.Algorithm ?? "MD5";
        var realm = challenge.Realm!;
        var nonce = challenge.Nonce!;
        var response = Response(algorithm, username, realm, password, method, uri, nonce, nc, cnonce);
        return $"Digest username=\"{username}\", realm=\"{realm}\", uri=\"{uri}\", algorithm={algorithm}, nonce=\"{nonce}\", " +
               $"nc={nc}, cnonce=\"{cnonce}\", qop=auth, response=\"{response}\", opaque=\"{challenge.Opaque}\"";
    }

    public static string Basic(string username, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"));
}
