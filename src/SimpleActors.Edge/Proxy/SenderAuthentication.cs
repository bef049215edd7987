using SimpleActors.Edge.Routing;
using SimpleActors.Edge.Transactions;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Proxy;

/// <summary>
/// RFC 3261 section 22.3: one of our users sending through the proxy (MESSAGE, INVITE) authenticates (407) and must be
/// the From it claims; senders from elsewhere are not asked.
/// </summary>
public sealed class SenderAuthentication(TransactionLayer transactions, RoutingContext routing, EdgeAuthentication authentication)
{
    /// <summary>Not passed: the challenge or refusal has been answered. The identity is null for a sender from elsewhere.</summary>
    public async Task<(bool Passed, string? Identity)> CheckAsync(SipRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var from = request.From!.Uri;
        if (!from.IsSip || !routing.IsOurs(from.Host))
        {
            return (true, null);
        }

        var check = authentication.Check(request, from.Host, from.ToAor().ToString(), proxy: true, now);
        if (check.Response is not null)
        {
            await transactions.RespondAsync(request, check.Response).ConfigureAwait(false);
            return (false, null);
        }

        return (true, check.Identity);
    }
}
