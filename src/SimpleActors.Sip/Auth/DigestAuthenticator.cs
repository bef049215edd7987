using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Auth;

/// <summary>
/// Digest authentication of SIP requests (RFC 3261 section 22, RFC 7616, RFC 8760): decides, from a
/// request's credentials, the realm (our served domain), the stored HA1s and the time, whether the
/// request is authenticated, must be challenged, or is refused. It keeps no state of its own beyond
/// the nonce-count table; time is passed in.
/// </summary>
/// <remarks>
/// Conventions: the realm is the served domain, the digest username is the user part of the AOR,
/// so the identity of <c>username="alice", realm="example.com"</c> is <c>sip:alice@example.com</c>.
/// Supported: MD5, SHA-256 and their <c>-sess</c> variants with qop=auth; MD5 without qop
/// (RFC 2069 compatibility, which has no nonce-count and so no replay protection beyond the nonce
/// lifetime). Not supported: qop=auth-int and userhash (neither is offered).
/// </remarks>
public sealed class DigestAuthenticator
{
    private const string QopAuth = "auth";

    private readonly NonceIssuer _nonces;
    private readonly NonceCountTracker _nonceCounts;

    /// <param name="nonces">Issues and checks nonces.</param>
    /// <param name="nonceCounts">The replay table.</param>
    /// <param name="offered">
    /// The algorithms challenged with, most preferred first (RFC 8760 section 2.4); default MD5 then SHA-256,
    /// since clients that read only the first challenge (SIPp 3.6, sipsak 0.9.8, the npm sip package) know MD5 only.
    /// A credential is accepted only in an offered algorithm or its <c>-sess</c> variant.
    /// </param>
    public DigestAuthenticator(NonceIssuer nonces, NonceCountTracker nonceCounts, IReadOnlyList<DigestAlgorithm>? offered = null)
    {
        ArgumentNullException.ThrowIfNull(nonces);
        ArgumentNullException.ThrowIfNull(nonceCounts);
        _nonces = nonces;
        _nonceCounts = nonceCounts;
        Offered = offered is { Count: > 0 } ? offered : DigestAlgorithm.Offered;
    }

    /// <summary>Whether the digest <c>uri</c> must be the Request-URI (RFC 7616 section 3.4.6); on by default.</summary>
    public bool CheckDigestUri { get; init; } = true;

    /// <summary>
    /// Whether a URI names this server itself (no user part, one of its domains or addresses); such a digest
    /// <c>uri</c> passes the check for any Request-URI. Null: only the Request-URI passes.
    /// </summary>
    public Func<SipUri, bool>? IsServerUri { get; init; }

    /// <summary>The algorithms challenged with, in order.</summary>
    public IReadOnlyList<DigestAlgorithm> Offered { get; }

    public NonceIssuer Nonces => _nonces;

    /// <summary>
    /// The challenges of a 401/407: one per offered algorithm, in order (RFC 8760 section 2.4), one fresh nonce,
    /// qop="auth", and stale=true when <paramref name="stale"/>.
    /// </summary>
    public IReadOnlyList<AuthChallenge> CreateChallenges(string realm, DateTimeOffset now, bool stale = false)
        => CreateChallenges(realm, now, stale, afterWrongCredentials: false);

    private IReadOnlyList<AuthChallenge> CreateChallenges(string realm, DateTimeOffset now, bool stale, bool afterWrongCredentials)
    {
        ArgumentNullException.ThrowIfNull(realm);
        var nonce = _nonces.Issue(realm, now, afterWrongCredentials);
        return [.. Offered.Select(algorithm => CreateChallenge(realm, nonce, algorithm, stale))];
    }

    /// <summary>
    /// Authenticates <paramref name="request"/> with its Authorization rows (or Proxy-Authorization
    /// when <paramref name="proxy"/>) against <paramref name="users"/> in <paramref name="realm"/>.
    /// </summary>
    public DigestOutcome Authenticate(SipRequest request, string realm, IDigestCredentialSource users, DateTimeOffset now, bool proxy = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        IReadOnlyList<AuthCredentials> credentials;
        SipUri requestUri;
        try
        {
            credentials = proxy ? request.ProxyAuthorization : request.Authorization;
            requestUri = request.RequestUri;
        }
        catch (SipParseException e)
        {
            return new DigestBadRequest($"unreadable request: {e.Reason}");
        }

        return Authenticate(request.Method, requestUri, credentials, realm, users, now, proxy);
    }

    /// <summary>The same decision from the parts of a request.</summary>
    public DigestOutcome Authenticate(
        string method, SipUri requestUri, IReadOnlyList<AuthCredentials> credentials, string realm,
        IDigestCredentialSource users, DateTimeOffset now, bool proxy = false)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(requestUri);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(realm);
        ArgumentNullException.ThrowIfNull(users);

        // RFC 3261 section 22.4: credentials for other realms (meant for other proxies) are ignored.
        var mine = credentials.FirstOrDefault(c => c.IsDigest && string.Equals(c.Realm, realm, StringComparison.Ordinal));
        if (mine is null)
        {
            return Challenge(realm, now, proxy, stale: false, credentials.Count == 0 ? "no credentials" : "no credentials for this realm");
        }

        if (mine.Username is not { Length: > 0 } username || mine.Nonce is not { } nonce
            || mine.Uri is not { } digestUri || mine.Response is not { } response)
        {
            return new DigestBadRequest("credentials lack username, nonce, uri or response");
        }

        if (!DigestAlgorithm.TryParse(mine.Algorithm, out var algorithm))
        {
            return Challenge(realm, now, proxy, stale: false, $"algorithm {mine.Algorithm} not supported");
        }

        // Only what we challenge with (or its -sess variant) is accepted, so that offering SHA-256 alone requires it.
        if (!Offered.Any(offered => offered.Base == algorithm.Base))
        {
            return Challenge(realm, now, proxy, stale: false, $"algorithm {algorithm} not offered");
        }

        var qop = mine.Qop;
        uint nonceCount = 0;
        string? cnonce = null;
        if (qop is null)
        {
            // RFC 2069 compatibility (RFC 3261 section 22.4), for plain MD5 only; SHA-256 needs qop (RFC 7616).
            if (algorithm != DigestAlgorithm.Md5)
            {
                return Challenge(realm, now, proxy, stale: false, $"{algorithm} without qop");
            }
        }
        else if (!string.Equals(qop, QopAuth, StringComparison.OrdinalIgnoreCase))
        {
            return Challenge(realm, now, proxy, stale: false, $"qop {qop} not supported");
        }
        else
        {
            cnonce = mine.Cnonce;
            if (!NonceCountTracker.TryParseNonceCount(mine.NonceCount, out nonceCount) || string.IsNullOrEmpty(cnonce))
            {
                return new DigestBadRequest("qop=auth without a valid nc and cnonce");
            }
        }

        // RFC 7616 section 3.4.6, RFC 3261 section 22.4: the digest-uri designates the resource of the Request-Line
        // (400 otherwise). A URI naming this server itself is accepted too: SIPp 3.6 puts the server's address there.
        if (CheckDigestUri && !DesignatesRequestUri(digestUri, requestUri))
        {
            return new DigestBadRequest($"digest uri {digestUri} is not the Request-URI");
        }

        var nonceStatus = _nonces.Check(nonce, realm, now, out var nonceExpiresAt, out var afterWrongCredentials);
        var answeredWrongBefore = nonceStatus == NonceStatus.Valid && afterWrongCredentials;

        // Unknown user and wrong password get the same answer, so that the answer does not tell which users exist.
        if (!TryIdentity(username, realm, out var identity)
            || !users.TryGetHa1(identity, realm, algorithm.Base, out var storedHa1))
        {
            return WrongCredentials(realm, now, proxy, answeredWrongBefore, $"no credentials stored for {username} in {realm} ({algorithm.Base})");
        }

        if (algorithm.IsSession && cnonce is null)
        {
            return new DigestBadRequest($"{algorithm} without cnonce");
        }

        var ha1 = algorithm.IsSession ? DigestCalculator.SessionHa1(algorithm, storedHa1, nonce, cnonce!) : storedHa1;
        var ha2 = DigestCalculator.Ha2(algorithm, method, digestUri);
        var expected = qop is null
            ? DigestCalculator.ResponseWithoutQop(algorithm, ha1, nonce, ha2)
            : DigestCalculator.Response(algorithm, ha1, nonce, mine.NonceCount!, cnonce!, qop, ha2);
        if (!DigestCalculator.ResponsesMatch(expected, response))
        {
            return WrongCredentials(realm, now, proxy, answeredWrongBefore, $"wrong response for {identity}");
        }

        // RFC 2617 section 3.2.1, RFC 7616 section 3.3: the response is right for a nonce we no longer accept
        // (expired, or not ours: signed by a node with another secret, or before a restart) -> stale=true, and
        // the client retries with the new nonce without asking its user.
        if (nonceStatus != NonceStatus.Valid)
        {
            return Challenge(realm, now, proxy, stale: true, nonceStatus == NonceStatus.Stale ? "nonce expired" : "nonce not issued by us");
        }

        // RFC 7616 section 3.4.5: a repeated nonce-count is a replay. The response was right, so a
        // legitimate client (a retransmission after a reordering) retries at once with a new nonce.
        if (qop is not null && !_nonceCounts.TryAccept(nonce, nonceCount, nonceExpiresAt, now))
        {
            return Challenge(realm, now, proxy, stale: true, $"nonce count {mine.NonceCount} already used");
        }

        return new DigestAuthenticated(identity, username, algorithm);
    }

    /// <summary>
    /// Wrong password or unknown user. The first time: a fresh challenge without stale, which tells the client
    /// that its username or password is wrong and new values must be obtained (RFC 7616 section 3.3), so that a
    /// phone asks its user again; not 403, which says authorization will not help (RFC 3261 section 21.4.3). Its
    /// nonce is marked, and wrong credentials again on a marked nonce get 403: a client that answers every
    /// challenge with the same password (baresip 1.0 sends up to 16 REGISTERs) stops after two.
    /// </summary>
    private DigestOutcome WrongCredentials(string realm, DateTimeOffset now, bool proxy, bool answeredWrongBefore, string reason) =>
        answeredWrongBefore
            ? new DigestForbidden($"{reason}, again after a re-challenge")
            : new DigestChallenge(false, proxy, CreateChallenges(realm, now, stale: false, afterWrongCredentials: true), reason);

    private bool DesignatesRequestUri(string digestUri, SipUri requestUri) =>
        SipUri.TryParse(digestUri, out var parsed)
        && (parsed.Equivalent(requestUri) || (IsServerUri is { } isServer && isServer(parsed)));

    private DigestChallenge Challenge(string realm, DateTimeOffset now, bool proxy, bool stale, string reason) =>
        new(stale, proxy, CreateChallenges(realm, now, stale), reason);

    private static AuthChallenge CreateChallenge(string realm, string nonce, DigestAlgorithm algorithm, bool stale)
    {
        var parameters = new List<AuthParameter>
        {
            AuthParameter.Quoted("realm", realm),
            AuthParameter.Quoted("nonce", nonce),
            AuthParameter.Token("algorithm", algorithm.Name),
            AuthParameter.Quoted("qop", QopAuth),
        };
        if (stale)
        {
            parameters.Add(AuthParameter.Token("stale", "true"));
        }

        return new AuthChallenge("Digest", parameters);
    }

    /// <summary>
    /// The identity of a digest username: <c>sip:username@realm</c>, canonical (the username is the user part of the AOR,
    /// the realm its domain). Shared with HTTP digest, so that one account signs in to SIP and to XCAP alike.
    /// </summary>
    public static bool TryIdentity(string username, string realm, out string identity)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(realm);
        identity = string.Empty;
        try
        {
            identity = SipUri.Create(realm, username).ToAor().ToString();
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
