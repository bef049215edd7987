using System.Diagnostics.CodeAnalysis;
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
/// itself. Before a request reaches a handler that reads its body as a UAS, the body's content-codings are undone
/// (RFC 3261 section 8.2.3, <see cref="ContentCoding"/>); a request the node forwards keeps them, as a proxy must. It
/// holds no state of its own.
/// </summary>
public sealed partial class TransactionUser
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
    private readonly int maxBodySize;
    private readonly ILogger logger;

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
        Engine.Rls.ResourceListOptions? lists = null,
        int? maxBodySize = null)
    {
        this.transactions = transactions;
        // The SIP body size limit (Sip:Limits:MaxBodySize) also bounds a decoded body.
        this.maxBodySize = maxBodySize ?? Sip.Parsing.SipParserLimits.Default.MaxBodySize;
        this.logger = logger;
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
        var route = SipRouter.Route(request, routing);
        if (route is RouteDecision.Reply { StatusCode: 404 } && request.Method == SipMethod.Subscribe && routing.RefreshListServices is { } refresh)
        {
            return RouteAgainAsync(request, flow, refresh);
        }

        return DispatchAsync(request, flow, route);
    }

    /// <summary>
    /// A SUBSCRIBE to what is neither a user nor, as far as the node's copy of the directory knows, a list service: the
    /// copy is read again from the replicator first, so a service its owner defined a moment ago through XCAP is found
    /// (a client such as liblinphone never retries a list SUBSCRIBE answered 404).
    /// </summary>
    private async Task RouteAgainAsync(SipRequest request, SipFlow flow, Func<Task> refresh)
    {
        await refresh().ConfigureAwait(false);
        await DispatchAsync(request, flow, SipRouter.Route(request, routing)).ConfigureAwait(false);
    }

    private Task DispatchAsync(SipRequest request, SipFlow flow, RouteDecision route)
    {
        if (ReadsBodyAsUas(route) && request.Headers.Contains(KnownHeader.ContentEncoding) && !TryDecodeBody(request, out var refusal))
        {
            return transactions.RespondAsync(request, refusal).AsTask();
        }

        return route switch
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

    /// <summary>The decisions whose handler acts as the UAS and reads the body; forwarded requests are not among them.</summary>
    private static bool ReadsBodyAsUas(RouteDecision decision) => decision is RouteDecision.Registrar or RouteDecision.Presentity
        or RouteDecision.Subscription or RouteDecision.InDialogSubscription or RouteDecision.ListSubscription
        or RouteDecision.InviteUsage or RouteDecision.InviteSessionRequest;

    /// <summary>
    /// RFC 3261 section 8.2.3: the body decoded in place (Content-Encoding removed), or the refusal: 415 with
    /// Accept-Encoding for a coding we do not know, 413 for a body that inflates past the SIP body size limit, 400 for
    /// one that does not inflate.
    /// </summary>
    private bool TryDecodeBody(SipRequest request, [NotNullWhen(false)] out SipResponse? refusal)
    {
        var decoded = ContentCoding.Decode(request.Headers.GetValues(KnownHeader.ContentEncoding), request.Body, maxBodySize);
        if (decoded.IsRefused)
        {
            LogBodyRefused(request.Method, request.CallId, decoded.Status, decoded.Reason);
            refusal = SipResponse.CreateFor(request, decoded.Status, decoded.Reason, NewTag());
            refusal.Headers.Add(KnownHeader.AcceptEncoding, ContentCoding.Accepted);
            return false;
        }

        request.Body = decoded.Body;
        request.Headers.RemoveAll(KnownHeader.ContentEncoding);
        if (request.Headers.Contains(KnownHeader.ContentLength))
        {
            request.Headers.Set(KnownHeader.ContentLength, decoded.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        refusal = null;
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {CallId}: body refused ({Status} {Reason})")]
    private partial void LogBodyRefused(string method, string? callId, int status, string? reason);

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
