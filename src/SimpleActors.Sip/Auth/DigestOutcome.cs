using SimpleActors.Sip.Message;

namespace SimpleActors.Sip.Auth;

/// <summary>
/// What <see cref="DigestAuthenticator"/> decided about a request. The closed set:
/// <see cref="DigestAuthenticated"/>, <see cref="DigestChallenge"/> (401/407, also for a wrong password
/// or an unknown user), <see cref="DigestForbidden"/> (403, wrong again after that) and <see cref="DigestBadRequest"/> (400).
/// <see cref="Reason"/> is for the log, not for the wire.
/// </summary>
public abstract record DigestOutcome(string Reason);

/// <summary>The credentials are valid: <paramref name="IdentityAor"/> is the authenticated identity.</summary>
public sealed record DigestAuthenticated(string IdentityAor, string Username, DigestAlgorithm Algorithm)
    : DigestOutcome("authenticated");

/// <summary>
/// Answer <see cref="StatusCode"/> with one <see cref="HeaderName"/> row per challenge, in order
/// (RFC 8760 section 2.4). <paramref name="Stale"/>: the credentials were right but the nonce is no longer
/// usable, so the client retries without asking the user; without it the username or password was wrong, or
/// none was given, and the client must obtain new ones (RFC 7616 section 3.3).
/// </summary>
public sealed record DigestChallenge(bool Stale, bool Proxy, IReadOnlyList<AuthChallenge> Challenges, string Reason)
    : DigestOutcome(Reason)
{
    /// <summary>401 Unauthorized from a registrar or user agent server, 407 from a proxy (RFC 3261 section 22.2, 22.3).</summary>
    public int StatusCode => Proxy ? 407 : 401;

    /// <summary><c>WWW-Authenticate</c> with 401, <c>Proxy-Authenticate</c> with 407.</summary>
    public string HeaderName => Proxy ? "Proxy-Authenticate" : "WWW-Authenticate";
}

/// <summary>
/// Answer 403: wrong credentials (wrong password, unknown user) once more in answer to the re-challenge that
/// wrong credentials got, so a client repeating the same password stops (both give the same answer on the wire).
/// </summary>
public sealed record DigestForbidden(string Reason) : DigestOutcome(Reason);

/// <summary>Answer 400: the credentials are malformed, or their <c>uri</c> is not the Request-URI (RFC 7616 section 3.4.6).</summary>
public sealed record DigestBadRequest(string Reason) : DigestOutcome(Reason);
