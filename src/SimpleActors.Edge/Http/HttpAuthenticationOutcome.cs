using SimpleActors.Sip.Auth;

namespace SimpleActors.Edge.Http;

/// <summary>
/// What <see cref="HttpDigestAuthenticator"/> decided about an HTTP request. The closed set:
/// <see cref="HttpAuthenticated"/>, <see cref="HttpChallenge"/> (401, also for a wrong password or an unknown user)
/// and <see cref="HttpBadRequest"/> (400). <see cref="Reason"/> is for the log, not for the wire.
/// </summary>
public abstract record HttpAuthenticationOutcome(string Reason)
{
    /// <summary>The status to answer: 200 (go on), 401 or 400.</summary>
    public abstract int StatusCode { get; }
}

/// <summary>
/// The credentials are valid: <paramref name="IdentityAor"/> (<c>sip:alice@example.com</c>) is the authenticated
/// identity. <paramref name="Scheme"/> is <c>Digest</c> or <c>Basic</c>; <paramref name="Algorithm"/> the digest
/// algorithm (null for Basic). <paramref name="AuthenticationInfo"/> is the value of the <c>Authentication-Info</c>
/// header to send with the response (RFC 7616 section 3.5), null for Basic.
/// </summary>
public sealed record HttpAuthenticated(
    string IdentityAor, string Username, string Scheme, DigestAlgorithm? Algorithm, string? AuthenticationInfo)
    : HttpAuthenticationOutcome("authenticated")
{
    public override int StatusCode => 200;
}

/// <summary>
/// Answer 401 with one <c>WWW-Authenticate</c> row per value of <paramref name="Challenges"/>, in order (RFC 7616
/// section 3.7: the preferred algorithm first). <paramref name="Stale"/>: the credentials were right but the nonce is no
/// longer usable, so the client retries without asking its user (RFC 7616 section 3.3).
/// </summary>
public sealed record HttpChallenge(bool Stale, IReadOnlyList<string> Challenges, string Reason)
    : HttpAuthenticationOutcome(Reason)
{
    public override int StatusCode => 401;
}

/// <summary>
/// Answer 400: the Authorization header is malformed, or its digest <c>uri</c> is not the request target
/// (RFC 7616 section 3.4.6).
/// </summary>
public sealed record HttpBadRequest(string Reason) : HttpAuthenticationOutcome(Reason)
{
    public override int StatusCode => 400;
}
