using Akka.Actor;
using Microsoft.Extensions.Logging;
using SimpleActors.Edge.Routing;
using SimpleActors.Edge.Transactions;
using SimpleActors.Engine.Rls;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Presence;

/// <summary>
/// A NOTIFY of one of our back-end subscriptions (RFC 4662 section 4.2, RFC 6665 section 4.1.3): the list subscription
/// its To-tag names takes it and says what to answer (200; 481 when it holds no such dialog, which ends the
/// subscription at the notifier); the edge answers after it, as it answers a SUBSCRIBE after its entity.
/// </summary>
public sealed partial class BackendNotifyHandler(TransactionLayer transactions, IActorRef subscriptions, EntityAsk asks, ILogger logger)
{
    public async Task HandleAsync(SipRequest request, RouteDecision.BackendNotify decision)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(decision);
        var answer = await asks.AskAsync<BackendNotifyAnswer>(subscriptions, ToCommand(request)).ConfigureAwait(false);
        await transactions.RespondAsync(request, SipResponse.CreateFor(request, answer.StatusCode, answer.Reason)).ConfigureAwait(false);
        LogNotified(decision.SubscriptionId, answer.StatusCode);
    }

    /// <summary>The NOTIFY as the list subscription takes it.</summary>
    public static BackendNotify ToCommand(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new BackendNotify(
            request.To?.Tag ?? string.Empty,
            request.From?.Tag ?? string.Empty,
            request.CallId ?? string.Empty,
            request.CSeq?.Number ?? 0,
            request.Headers.GetFirstValue(KnownHeader.SubscriptionState),
            request.Headers.GetFirstValue(KnownHeader.ContentType),
            request.Body.ToArray(),
            request.Contacts is [{ Address: { } contact }, ..] ? contact.Uri.ToString() : null,
            [.. request.RecordRoutes.Select(r => r.ToString())]);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Back-end NOTIFY for {Subscription} -> {Status}")]
    private partial void LogNotified(string subscription, int status);
}
