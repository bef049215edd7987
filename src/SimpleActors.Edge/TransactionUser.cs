using System.Security.Cryptography;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using SimpleActors.Edge.Configuration;
using SimpleActors.Edge.Dialogs;
using SimpleActors.Edge.Mailbox;
using SimpleActors.Edge.Pager;
using SimpleActors.Edge.Presence;
using SimpleActors.Edge.Proxy;
using SimpleActors.Edge.Registrar;
using SimpleActors.Edge.Routing;
using SimpleActors.Edge.Transactions;
using SimpleActors.Engine.Persistence;
using SimpleActors.Presence;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge;

/// <summary>
/// The transaction user (RFC 3261 section 5): what this node does with each new request. It asks the pure
/// <see cref="SipRouter"/> where the request goes and hands it to the one handler for that decision: the registrar,
/// PUBLISH, SUBSCRIBE, pager MESSAGE, the proxy (INVITE, requests in the dialogs we record-routed, CANCEL), the UAS core
/// of INVITE sessions a usage answers (<see cref="InviteUas"/>, when one is given); requests answered at once it answers
/// itself. It holds no state of its own.
/// </summary>
public sealed class TransactionUser
{
    private readonly TransactionLayer transactions;
    private readonly RoutingContext routing;
    private readonly RegistrarHandler registrar;
    private readonly PublishHandler publish;
    private readonly SubscribeHandler subscribe;
    private readonly BackendNotifyHandler backendNotify;
    private readonly PagerHandler pager;
    private readonly ProxyHandler proxy;
    private readonly InviteUas? uas;

    public TransactionUser(
        TransactionLayer transactions,
        RoutingContext routing,
        EdgeAuthentication authentication,
        IActorRef registrations,
        IActorRef mailboxes,
        IActorRef presentities,
        IActorRef subscriptions,
        PresenceLimits presenceLimits,
        Func<SipTransport, ViaHeader> ourVia,
        TimeSpan messageRetention,
        TimeProvider time,
        ILogger<TransactionUser> logger,
        EntityAsk? asks = null,
        JournalLookup? journal = null,
        PendingAnswers? answers = null,
        InviteUas? invites = null,
        Engine.Rls.ResourceListOptions? lists = null)
    {
        this.transactions = transactions;
        this.routing = routing;
        asks ??= new EntityAsk(new SipOverloadOptions().MaxPendingRequests);
        var fork = new ParallelFork(transactions, ourVia);
        var delivery = new StoredMessageDelivery(mailboxes, fork, asks, time, logger, journal);
        registrar = new RegistrarHandler(transactions, authentication, registrations, delivery, asks, time, logger);
        publish = new PublishHandler(transactions, authentication, presentities, presenceLimits, asks, time, logger);
        subscribe = new SubscribeHandler(
            transactions, routing, authentication, subscriptions, presentities, lists ?? new Engine.Rls.ResourceListOptions(), answers ?? new PendingAnswers(), ourVia,
            asks, time, logger);
        backendNotify = new BackendNotifyHandler(transactions, subscriptions, asks, logger);
        var senders = new SenderAuthentication(transactions, routing, authentication);
        pager = new PagerHandler(transactions, senders, registrations, mailboxes, fork, delivery, asks, messageRetention, time, logger);
        proxy = new ProxyHandler(transactions, routing, senders, registrations, ourVia, asks, time, logger);
        uas = invites;
        Invites = invites?.Invites ?? new AcceptedInvites(transactions, time);
    }

    /// <summary>
    /// The 2xx responses to INVITEs this node answers as a UAS (the <see cref="InviteUas"/>'s when one is given), resent until their ACK (RFC 3261 section 13.3.1.4): where
    /// a usage that answers INVITEs (the chat rooms of a later issue) hands its 2xx.
    /// </summary>
    public AcceptedInvites Invites { get; }

    /// <summary>A To tag for a response (RFC 3261 section 19.3: at least 32 bits of randomness).</summary>
    public static string NewTag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public Task HandleAsync(SipRequest request, SipFlow flow)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SipRouter.Route(request, routing) switch
        {
            RouteDecision.Reply reply => RespondAsync(request, reply),
            RouteDecision.Registrar decision => registrar.HandleAsync(request, flow, decision),
            RouteDecision.UserLocation decision => pager.HandleAsync(request, decision),
            RouteDecision.Presentity decision => publish.HandleAsync(request, decision),
            RouteDecision.Subscription decision => subscribe.HandleAsync(request, flow, decision),
            RouteDecision.InDialogSubscription decision => subscribe.HandleAsync(request, flow, decision),
            RouteDecision.ListSubscription decision => subscribe.HandleAsync(request, flow, decision),
            RouteDecision.BackendNotify decision => backendNotify.HandleAsync(request, decision),
            RouteDecision.Proxy decision => proxy.HandleAsync(request, flow, decision),
            RouteDecision.LooseRoute decision => proxy.HandleAsync(request, flow, decision),
            RouteDecision.UnsignedRoute decision => proxy.HandleAsync(request, flow, decision),
            RouteDecision.Cancel decision => proxy.HandleAsync(request, decision),
            // Only a routing context that knows the UAS (its predicates) makes these decisions.
            RouteDecision.InviteUsage decision when uas is not null => uas.HandleAsync(request, flow, decision),
            RouteDecision.InviteUsageCancel decision when uas is not null => uas.HandleAsync(request, decision),
            RouteDecision.InviteSessionRequest decision when uas is not null => uas.HandleAsync(request, flow, decision),
            // RouteDecision.Absorb: no reply at all; an ACK may be the one a 2xx of ours waits for.
            _ when request.Method == SipMethod.Ack => Task.FromResult(Invites.Acknowledge(request)),
            _ => Task.CompletedTask,
        };
    }

    private async Task RespondAsync(SipRequest request, RouteDecision.Reply reply)
    {
        var response = SipResponse.CreateFor(request, reply.StatusCode, reply.Reason, NewTag());
        foreach (var header in reply.Headers ?? [])
        {
            response.Headers.Add(header);
        }

        await transactions.RespondAsync(request, response).ConfigureAwait(false);
    }
}
