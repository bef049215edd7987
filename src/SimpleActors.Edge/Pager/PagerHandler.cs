using Akka.Actor;
using Microsoft.Extensions.Logging;
using SimpleActors.Edge.Mailbox;
using SimpleActors.Edge.Proxy;
using SimpleActors.Edge.Routing;
using SimpleActors.Edge.Transactions;
using SimpleActors.Engine.Mailbox;
using SimpleActors.Engine.Registration;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Pager;

/// <summary>
/// Pager MESSAGE to a user of ours (RFC 3428): one of our users sending authenticates to the proxy (RFC 3261 section
/// 22.3, 407) as its From; the message goes to every registered contact at once, or into the user's mailbox (202) when
/// none is registered or none answered, to be delivered when the user next registers.
/// </summary>
public sealed partial class PagerHandler(
    TransactionLayer transactions,
    SenderAuthentication senders,
    IActorRef registrations,
    IActorRef mailboxes,
    ParallelFork fork,
    StoredMessageDelivery delivery,
    EntityAsk asks,
    TimeSpan messageRetention,
    TimeProvider time,
    ILogger logger)
{
    public async Task HandleAsync(SipRequest request, RouteDecision.UserLocation user)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow();
        var (passed, identity) = await senders.CheckAsync(request, now).ConfigureAwait(false);
        if (!passed)
        {
            return;
        }

        var current = await asks.AskAsync<CurrentBindings>(registrations, new GetBindings(user.Aor)).ConfigureAwait(false);
        var response = current.Bindings.Count == 0 ? null : await fork.SendAsync(request, current.Bindings).ConfigureAwait(false);
        if (response is null)
        {
            // Nobody online, or no contact reachable: keep it and say so with 202 Accepted.
            await StoreAsync(request, user.Aor, identity, now).ConfigureAwait(false);
            await transactions.RespondAsync(request, SipResponse.CreateFor(request, 202, null, TransactionUser.NewTag())).ConfigureAwait(false);
            return;
        }

        await transactions.RespondAsync(request, response).ConfigureAwait(false);
    }

    private async Task StoreAsync(SipRequest request, string aor, string? identity, DateTimeOffset now)
    {
        var cseq = request.CSeq!;
        var command = new StoreMessage(
            aor,
            $"{request.CallId}|{cseq.Number}|{request.From!.Tag}",
            request.Headers.GetFirstValue(KnownHeader.From)!,
            request.Headers.GetFirstValue(KnownHeader.To)!,
            request.Headers.GetFirstValue(KnownHeader.ContentType),
            request.Body.ToArray(),
            request.CallId!,
            cseq.Number,
            identity,
            now,
            now + messageRetention);
        await asks.AskAsync<MessageStored>(mailboxes, command).ConfigureAwait(false);
        delivery.HintPending(aor);
        LogStored(aor, request.CallId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MESSAGE {CallId} for {Aor} stored for later delivery")]
    private partial void LogStored(string aor, string? callId);
}
