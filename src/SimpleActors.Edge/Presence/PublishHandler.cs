using Akka.Actor;
using Microsoft.Extensions.Logging;
using SimpleActors.Edge.Routing;
using SimpleActors.Edge.Transactions;
using SimpleActors.Engine.Presence;
using SimpleActors.Presence;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Presence;

/// <summary>
/// PUBLISH of presence state (RFC 3903 section 6): authenticate (the identity must own the presentity), validate the
/// document, then the one Presentity entity decides, in arrival order.
/// </summary>
public sealed partial class PublishHandler(
    TransactionLayer transactions, EdgeAuthentication authentication, IActorRef presentities, PresenceLimits limits, EntityAsk asks, TimeProvider time,
    ILogger logger)
{
    /// <summary>A SIP-ETag (RFC 3903 section 11.3.1): unguessable, so no client can name another's publication.</summary>
    public static string NewETag() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

    public async Task HandleAsync(SipRequest request, RouteDecision.Presentity presentity)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(presentity);
        var aor = presentity.Aor;
        var now = time.GetUtcNow();
        var check = authentication.Check(request, SipUri.Parse(aor).Host, aor, proxy: false, now);
        if (check.Response is not null)
        {
            await transactions.RespondAsync(request, check.Response).ConfigureAwait(false);
            return;
        }

        var (command, refusal) = PublishExchange.ToCommand(request, aor, check.Identity, NewETag(), now, limits, TransactionUser.NewTag());
        if (refusal is not null)
        {
            LogPublishRefused(aor, refusal.StatusCode, refusal.ReasonPhrase);
            await transactions.RespondAsync(request, refusal).ConfigureAwait(false);
            return;
        }

        var result = await asks.AskAsync<PublishResult>(presentities, command!).ConfigureAwait(false);
        await transactions.RespondAsync(request, PublishExchange.ToResponse(request, result, TransactionUser.NewTag())).ConfigureAwait(false);
        LogPublished(aor, result.StatusCode, result.ETag);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "PUBLISH {Aor} -> {Status} (SIP-ETag {ETag})")]
    private partial void LogPublished(string aor, int status, string? etag);

    [LoggerMessage(Level = LogLevel.Information, Message = "PUBLISH {Aor} refused: {Status} {Reason}")]
    private partial void LogPublishRefused(string aor, int status, string reason);
}
