using SimpleActors.Sip.Auth;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge;

/// <summary>
/// Whether a request from one of our users may go on: digest authentication in the user's realm (the
/// domain), and the authenticated identity owning the address it acts for (RFC 3261 section 10.3 step 5,
/// 403 otherwise). In lab mode (<c>Auth:Enabled=false</c>) every request passes unauthenticated.
/// </summary>
public sealed class EdgeAuthentication
{
    private readonly DigestAuthenticator? authenticator;
    private readonly IDigestCredentialSource users;

    /// <param name="authenticator">Null in lab mode.</param>
    public EdgeAuthentication(DigestAuthenticator? authenticator, IDigestCredentialSource users)
    {
        this.authenticator = authenticator;
        this.users = users;
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

        switch (authenticator.Authenticate(request, realm, users, now, proxy))
        {
            case DigestAuthenticated ok when string.Equals(ok.IdentityAor, aor, StringComparison.Ordinal):
                return new Outcome(ok.IdentityAor, null);
            case DigestAuthenticated:
                return new Outcome(null, SipResponse.CreateFor(request, 403, "Identity does not own the address", TransactionUser.NewTag()));
            case DigestChallenge challenge:
                var response = SipResponse.CreateFor(request, challenge.StatusCode, null, TransactionUser.NewTag());
                foreach (var offer in challenge.Challenges)
                {
                    response.Headers.Add(challenge.HeaderName, offer.ToString());
                }

                return new Outcome(null, response);
            case DigestBadRequest bad:
                return new Outcome(null, SipResponse.CreateFor(request, 400, bad.Reason, TransactionUser.NewTag()));
            case var refused:
                return new Outcome(null, SipResponse.CreateFor(request, 403, refused.Reason, TransactionUser.NewTag()));
        }
    }
}
