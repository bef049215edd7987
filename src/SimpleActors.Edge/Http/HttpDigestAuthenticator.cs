using System.Text;
using SimpleActors.Sip.Auth;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Http;

/// <summary>
/// HTTP authentication of our SIP users (XCAP): Digest (RFC 7616, MD5 and SHA-256 with qop=auth) and Basic (RFC 7617,
/// over TLS only), against the HA1s the user store keeps and in the realm SIP uses (the domain), so that one account
/// signs in to SIP and to XCAP alike. Pure: the time is passed in; the only state is the nonce-count table. The hashing,
/// the nonces and the replay table are the SIP ones (<see cref="DigestCalculator"/>, <see cref="NonceIssuer"/>,
/// <see cref="NonceCountTracker"/>).
/// </summary>
/// <remarks>
/// The digest username is the user part of the AOR and the realm its domain: <c>username="alice", realm="example.com"</c>
/// is <c>sip:alice@example.com</c> (<see cref="DigestAuthenticator.TryIdentity"/>); the stored HA1 was computed over that
/// username, so no other spelling (a full AOR) can match it. Supported: MD5, SHA-256 and their <c>-sess</c> variants with
/// qop=auth, <c>username*</c> (RFC 7616 section 3.4.4), <c>Authentication-Info</c> with <c>rspauth</c> and
/// <c>nextnonce</c> (section 3.5). Not supported (never offered, so re-challenged): qop=auth-int, <c>userhash</c> (it needs
/// a look-up by hashed username), SHA-512-256, and the RFC 2069 form without qop. The <c>opaque</c> value is not checked:
/// the response does not cover it, so checking it protects nothing.
/// </remarks>
public sealed class HttpDigestAuthenticator
{
    /// <summary>The algorithms offered by default, preferred first (RFC 7616 section 3.7): SHA-256, then MD5.</summary>
    public static readonly IReadOnlyList<DigestAlgorithm> DefaultOffered = [DigestAlgorithm.Sha256, DigestAlgorithm.Md5];

    private const string QopAuth = "auth";
    private const string DigestScheme = "Digest";
    private const string BasicScheme = "Basic";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly NonceIssuer nonces;
    private readonly NonceCountTracker nonceCounts;

    /// <param name="nonces">Issues and checks nonces (give HTTP its own issuer or share SIP's: both are bound to the realm).</param>
    /// <param name="nonceCounts">The replay table.</param>
    /// <param name="offered">
    /// The algorithms challenged with, preferred first; <see cref="DefaultOffered"/> when null or empty. A credential is
    /// accepted only in an offered algorithm or its <c>-sess</c> variant.
    /// </param>
    public HttpDigestAuthenticator(NonceIssuer nonces, NonceCountTracker nonceCounts, IReadOnlyList<DigestAlgorithm>? offered = null)
    {
        ArgumentNullException.ThrowIfNull(nonces);
        ArgumentNullException.ThrowIfNull(nonceCounts);
        this.nonces = nonces;
        this.nonceCounts = nonceCounts;
        Offered = offered is { Count: > 0 } ? offered : DefaultOffered;
    }

    /// <summary>The digest algorithms challenged with, in order.</summary>
    public IReadOnlyList<DigestAlgorithm> Offered { get; }

    /// <summary>Whether a challenge over TLS also offers Basic (after the Digest ones); on by default.</summary>
    public bool OfferBasicOverTls { get; init; } = true;

    public NonceIssuer Nonces => nonces;

    /// <summary>
    /// The <c>WWW-Authenticate</c> values of a 401: one Digest challenge per offered algorithm, in order, sharing one fresh
    /// nonce, with qop="auth", an opaque, charset=UTF-8 and stale=true when <paramref name="stale"/> (RFC 7616 section 3.3);
    /// over TLS, a Basic challenge last (RFC 7617 section 2) when <see cref="OfferBasicOverTls"/>.
    /// </summary>
    public IReadOnlyList<string> Challenge(string realm, DateTimeOffset now, bool stale = false, bool overTls = false)
    {
        ArgumentNullException.ThrowIfNull(realm);
        var nonce = nonces.Issue(realm, now);
        var opaque = Opaque(realm);
        var challenges = new List<string>(Offered.Count + 1);
        foreach (var algorithm in Offered)
        {
            var parameters = new List<AuthParameter>
            {
                AuthParameter.Quoted("realm", realm),
                AuthParameter.Quoted("qop", QopAuth),
                AuthParameter.Token("algorithm", algorithm.Name),
                AuthParameter.Quoted("nonce", nonce),
                AuthParameter.Quoted("opaque", opaque),
                AuthParameter.Token("charset", "UTF-8"),
            };
            if (stale)
            {
                parameters.Add(AuthParameter.Token("stale", "true"));
            }

            challenges.Add(new AuthChallenge(DigestScheme, parameters).ToString());
        }

        if (overTls && OfferBasicOverTls)
        {
            challenges.Add(new AuthChallenge(BasicScheme, [AuthParameter.Quoted("realm", realm), AuthParameter.Quoted("charset", "UTF-8")]).ToString());
        }

        return challenges;
    }

    /// <summary>
    /// Authenticates a request from its <c>Authorization</c> header against <paramref name="users"/> in
    /// <paramref name="realm"/>. Never throws on what the client sent: a malformed header is a <see cref="HttpBadRequest"/>.
    /// </summary>
    /// <param name="method">The request method, as sent (<c>GET</c>).</param>
    /// <param name="requestTarget">The request-target as sent on the request line (path and query), which the digest <c>uri</c> must equal.</param>
    /// <param name="authorization">The <c>Authorization</c> header value, or null when there is none.</param>
    /// <param name="overTls">Whether the request came over TLS; Basic is accepted only then.</param>
    /// <param name="realm">Our realm: the domain.</param>
    /// <param name="users">The stored HA1s.</param>
    /// <param name="now">The time, for the nonce lifetime.</param>
    public HttpAuthenticationOutcome Authenticate(
        string method, string requestTarget, string? authorization, bool overTls, string realm, IDigestCredentialSource users, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(requestTarget);
        ArgumentNullException.ThrowIfNull(realm);
        ArgumentNullException.ThrowIfNull(users);

        if (string.IsNullOrWhiteSpace(authorization))
        {
            return Challenged(realm, now, overTls, stale: false, "no credentials");
        }

        if (!AuthCredentials.TryParse(authorization, out var credentials))
        {
            return new HttpBadRequest("unreadable Authorization header");
        }

        if (string.Equals(credentials.Scheme, BasicScheme, StringComparison.OrdinalIgnoreCase))
        {
            // RFC 7617 section 4: Basic sends the password in clear; over plain HTTP it is not even looked at, and the
            // client is offered Digest instead.
            return overTls
                ? AuthenticateBasic(credentials, realm, users, now)
                : Challenged(realm, now, overTls, stale: false, "Basic refused without TLS");
        }

        return credentials.IsDigest
            ? AuthenticateDigest(method, requestTarget, credentials, overTls, realm, users, now)
            : Challenged(realm, now, overTls, stale: false, $"scheme {credentials.Scheme} not supported");
    }

    private HttpAuthenticationOutcome AuthenticateDigest(
        string method, string requestTarget, AuthCredentials credentials, bool overTls, string realm, IDigestCredentialSource users, DateTimeOffset now)
    {
        if (credentials.Realm is not { } credentialsRealm)
        {
            return new HttpBadRequest("digest credentials without realm");
        }

        if (!string.Equals(credentialsRealm, realm, StringComparison.Ordinal))
        {
            return Challenged(realm, now, overTls, stale: false, $"credentials for realm {credentialsRealm}");
        }

        if (string.Equals(credentials["userhash"], "true", StringComparison.OrdinalIgnoreCase))
        {
            return Challenged(realm, now, overTls, stale: false, "userhash not supported");
        }

        if (!TryUsername(credentials, out var username, out var problem))
        {
            return new HttpBadRequest(problem);
        }

        if (credentials.Nonce is not { } nonce || credentials.Uri is not { } digestUri || credentials.Response is not { } response)
        {
            return new HttpBadRequest("digest credentials lack nonce, uri or response");
        }

        if (!DigestAlgorithm.TryParse(credentials.Algorithm, out var algorithm))
        {
            return Challenged(realm, now, overTls, stale: false, $"algorithm {credentials.Algorithm} not supported");
        }

        if (!Offered.Any(offered => offered.Base == algorithm.Base))
        {
            return Challenged(realm, now, overTls, stale: false, $"algorithm {algorithm} not offered");
        }

        // RFC 7616 section 3.4: qop is one of the offered alternatives; the RFC 2069 form without qop is gone.
        if (credentials.Qop is not { } qop)
        {
            return Challenged(realm, now, overTls, stale: false, "no qop");
        }

        if (!string.Equals(qop, QopAuth, StringComparison.OrdinalIgnoreCase))
        {
            return Challenged(realm, now, overTls, stale: false, $"qop {qop} not supported");
        }

        if (!NonceCountTracker.TryParseNonceCount(credentials.NonceCount, out var nonceCount) || credentials.Cnonce is not { Length: > 0 } cnonce)
        {
            return new HttpBadRequest("qop=auth without a valid nc and cnonce");
        }

        // RFC 7616 section 3.4.6: the uri must designate the resource of the request line; if it does not, the server
        // SHOULD answer 400. The request-target as sent is compared, character for character: clients copy it.
        if (!string.Equals(digestUri, requestTarget, StringComparison.Ordinal))
        {
            return new HttpBadRequest($"digest uri {digestUri} is not the request target {requestTarget}");
        }

        var nonceStatus = nonces.Check(nonce, realm, now, out var nonceExpiresAt);

        // Unknown user and wrong password get the same answer, so that the answer does not tell which users exist.
        if (!DigestAuthenticator.TryIdentity(username, realm, out var identity)
            || !users.TryGetHa1(identity, realm, algorithm.Base, out var storedHa1))
        {
            return Challenged(realm, now, overTls, stale: false, $"no credentials stored for {username} in {realm} ({algorithm.Base})");
        }

        var ha1 = algorithm.IsSession ? DigestCalculator.SessionHa1(algorithm, storedHa1, nonce, cnonce) : storedHa1;
        var ha2 = DigestCalculator.Ha2(algorithm, method, digestUri);
        var expected = DigestCalculator.Response(algorithm, ha1, nonce, credentials.NonceCount!, cnonce, qop, ha2);
        if (!DigestCalculator.ResponsesMatch(expected, response))
        {
            return Challenged(realm, now, overTls, stale: false, $"wrong response for {identity}");
        }

        // RFC 7616 section 3.3: the response is right for a nonce we no longer accept (expired, or not ours: another
        // secret, a restart) -> stale=true, and the client retries with the new nonce without asking its user.
        if (nonceStatus != NonceStatus.Valid)
        {
            return Challenged(realm, now, overTls, stale: true, nonceStatus == NonceStatus.Stale ? "nonce expired" : "nonce not issued by us");
        }

        // RFC 7616 section 3.4.5 (nc): a nonce-count not above the last one accepted is a replay. Checked only after the
        // response, so that nobody without the password can use up counts.
        if (!nonceCounts.TryAccept(nonce, nonceCount, nonceExpiresAt, now))
        {
            return Challenged(realm, now, overTls, stale: true, $"nonce count {credentials.NonceCount} already used");
        }

        var info = AuthenticationInfo(algorithm, ha1, nonce, credentials.NonceCount!, cnonce, digestUri, realm, nonceExpiresAt, now);
        return new HttpAuthenticated(identity, username, DigestScheme, algorithm, info);
    }

    private HttpAuthenticationOutcome AuthenticateBasic(AuthCredentials credentials, string realm, IDigestCredentialSource users, DateTimeOffset now)
    {
        // RFC 7617 section 2: token68 = base64(user-id ":" password); RFC 7617 section 2.1: UTF-8 (we said charset="UTF-8").
        if (credentials.Token68 is not { } token68)
        {
            return new HttpBadRequest("Basic credentials without a token68");
        }

        var buffer = new byte[token68.Length];
        if (!Convert.TryFromBase64String(token68, buffer, out var length))
        {
            return new HttpBadRequest("Basic credentials are not base64");
        }

        string userPass;
        try
        {
            userPass = StrictUtf8.GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return new HttpBadRequest("Basic credentials are not UTF-8");
        }

        var colon = userPass.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return new HttpBadRequest("Basic credentials without ':'");
        }

        var username = userPass[..colon];
        var password = userPass[(colon + 1)..];
        if (username.Length > 0 && DigestAuthenticator.TryIdentity(username, realm, out var identity))
        {
            // The store keeps HA1 = H(username:realm:password) per algorithm, not the password: compute it from the
            // password given and compare, in constant time.
            foreach (var algorithm in DigestAlgorithm.Stored)
            {
                if (users.TryGetHa1(identity, realm, algorithm, out var storedHa1))
                {
                    return DigestCalculator.ResponsesMatch(storedHa1, DigestCalculator.Ha1(algorithm, username, realm, password))
                        ? new HttpAuthenticated(identity, username, BasicScheme, null, null)
                        : Challenged(realm, now, overTls: true, stale: false, $"wrong Basic password for {identity}");
                }
            }
        }

        return Challenged(realm, now, overTls: true, stale: false, $"no credentials stored for {username} in {realm}");
    }

    /// <summary>
    /// The digest username: <c>username</c>, or <c>username*</c> in the extended notation of RFC 8187 (RFC 7616 section
    /// 3.4.4), never both.
    /// </summary>
    private static bool TryUsername(AuthCredentials credentials, out string username, out string problem)
    {
        username = string.Empty;
        problem = string.Empty;
        var plain = credentials.Username;
        var extended = credentials["username*"];
        if (plain is not null && extended is not null)
        {
            problem = "both username and username*";
            return false;
        }

        if (extended is not null)
        {
            if (!ExtendedValue.TryDecode(extended, out username))
            {
                problem = "username* is not a UTF-8 extended value";
                return false;
            }
        }
        else if (plain is not null)
        {
            username = plain;
        }

        if (username.Length == 0)
        {
            problem = "digest credentials without username";
            return false;
        }

        return true;
    }

    /// <summary>
    /// RFC 7616 section 3.5: <c>rspauth</c> proves to the client that the server knows its secret: the response computed
    /// with A2 = ":" uri. A <c>nextnonce</c> is added once the nonce has lived half its lifetime, so a client that uses it
    /// is not re-challenged when its nonce expires.
    /// </summary>
    private string AuthenticationInfo(
        DigestAlgorithm algorithm, string ha1, string nonce, string nonceCount, string cnonce, string digestUri, string realm,
        DateTimeOffset nonceExpiresAt, DateTimeOffset now)
    {
        var rspauth = DigestCalculator.Response(algorithm, ha1, nonce, nonceCount, cnonce, QopAuth, DigestCalculator.Ha2(algorithm, string.Empty, digestUri));
        var parameters = new List<AuthParameter>
        {
            AuthParameter.Token("qop", QopAuth),
            AuthParameter.Quoted("rspauth", rspauth),
            AuthParameter.Quoted("cnonce", cnonce),
            AuthParameter.Token("nc", nonceCount),
        };
        if (nonceExpiresAt - now < nonces.Lifetime / 2)
        {
            parameters.Insert(0, AuthParameter.Quoted("nextnonce", nonces.Issue(realm, now)));
        }

        return string.Join(", ", parameters);
    }

    private HttpChallenge Challenged(string realm, DateTimeOffset now, bool overTls, bool stale, string reason) =>
        new(stale, Challenge(realm, now, stale, overTls), reason);

    /// <summary>
    /// The opaque of our challenges: the same for every challenge of a realm (RFC 7616 section 3.3 recommends base64 or
    /// hex), derived from the realm, so every node of a cluster sends the same one.
    /// </summary>
    private static string Opaque(string realm) => DigestAlgorithm.Sha256.Hash("opaque:" + realm)[..32];
}
