using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SimpleActors.Sip.Auth;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge;

/// <summary>
/// Whether a request from one of our users may go on: digest authentication in the user's realm (the
/// domain), and the authenticated identity owning the address it acts for (RFC 3261 section 10.3 step 5,
/// 403 otherwise). In lab mode (<c>Auth:Enabled=false</c>) every request passes unauthenticated.
/// </summary>
public sealed partial class EdgeAuthentication
{
    /// <summary>
    /// User-Agent prefixes of clients known to give up on a challenge they cannot answer instead of ignoring it
    /// (RFC 8760 section 2.4, RFC 2617 section 3.2.1): baresip up to 1.x (libre 1.x stops with "Function not
    /// implemented" at a SHA-256 challenge, wherever it stands among the challenges) and JsSIP 3.x (it reads the last
    /// WWW-Authenticate row and aborts at any algorithm but MD5).
    /// </summary>
    public static readonly IReadOnlyList<string> KnownSingleChallengeUserAgents = ["baresip v0.", "baresip v1.", "JsSIP 3."];

    private readonly DigestAuthenticator? authenticator;
    private readonly IDigestCredentialSource users;
    private readonly IReadOnlyList<string> singleChallengeUserAgents;
    private readonly ILogger logger;

    /// <param name="authenticator">Null in lab mode.</param>
    /// <param name="users">The credentials.</param>
    /// <param name="singleChallengeUserAgents">
    /// User-Agent prefixes (compared ignoring case) of clients sent only the first challenge; with the built-in
    /// <see cref="KnownSingleChallengeUserAgents"/> when null.
    /// </param>
    /// <param name="logger">Where refusals are logged (Debug), with the reason the wire does not carry.</param>
    public EdgeAuthentication(
        DigestAuthenticator? authenticator, IDigestCredentialSource users, IReadOnlyList<string>? singleChallengeUserAgents = null, ILogger? logger = null)
    {
        this.authenticator = authenticator;
        this.users = users;
        this.singleChallengeUserAgents = singleChallengeUserAgents ?? KnownSingleChallengeUserAgents;
        this.logger = logger ?? NullLogger.Instance;
    }

    public bool Enabled => authenticator is not null;

    /// <summary>The outcome: go on (with the identity, null in lab mode), or the response to send instead.</summary>
    public readonly record struct Outcome(string? Identity, SipResponse? Response);

    public Outcome Check(SipRequest request, string realm, string aor, bool proxy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (authenticator is null)
        {
            return new Outcome(null, null);
        }

        var outcome = authenticator.Authenticate(request, realm, users, now, proxy);
        switch (outcome)
        {
            case DigestAuthenticated ok when string.Equals(ok.IdentityAor, aor, StringComparison.Ordinal):
                return new Outcome(ok.IdentityAor, null);
            case DigestAuthenticated ok:
                Refused(request, aor, 403, "authenticated as " + ok.IdentityAor);
                return new Outcome(null, SipResponse.CreateFor(request, 403, "Identity does not own the address", TransactionUser.NewTag()));
            case DigestChallenge challenge:
                if (HasCredentials(request, proxy))
                {
                    Refused(request, aor, challenge.StatusCode, challenge.Reason);
                }

                var response = SipResponse.CreateFor(request, challenge.StatusCode, null, TransactionUser.NewTag());
                foreach (var offer in SendsOneChallenge(request) ? challenge.Challenges.Take(1) : challenge.Challenges)
                {
                    response.Headers.Add(challenge.HeaderName, offer.ToString());
                }

                return new Outcome(null, response);
            case DigestForbidden:
                Refused(request, aor, 403, outcome.Reason);
                return new Outcome(null, SipResponse.CreateFor(request, 403, "Wrong credentials", TransactionUser.NewTag()));
            default:
                Refused(request, aor, 400, outcome.Reason);
                return new Outcome(null, SipResponse.CreateFor(request, 400, outcome.Reason, TransactionUser.NewTag()));
        }
    }

    private void Refused(SipRequest request, string aor, int status, string reason)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            LogRefused(logger, request.Method, aor, status, reason);
        }
    }

    private static bool HasCredentials(SipRequest request, bool proxy) =>
        request.Headers.GetFirstValue(proxy ? KnownHeader.ProxyAuthorization : KnownHeader.Authorization) is not null;

    private bool SendsOneChallenge(SipRequest request) =>
        request.Headers.GetFirstValue(KnownHeader.UserAgent) is { } userAgent
        && singleChallengeUserAgents.Any(prefix => userAgent.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Digest authentication: {Method} for {Aor} answered {Status}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string aor, int status, string reason);
}
