using System.Security.Cryptography;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using SimpleActors.Edge.Configuration;
using SimpleActors.Edge.Mailbox;
using SimpleActors.Edge.Presence;
using SimpleActors.Edge.Proxy;
using SimpleActors.Edge.Registrar;
using SimpleActors.Edge.Routing;
using SimpleActors.Edge.Transactions;
using SimpleActors.Engine.Mailbox;
using SimpleActors.Engine.Persistence;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Registration;
using SimpleActors.Engine.Subscription;
using SimpleActors.Presence;
using SimpleActors.Sip.Auth;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transactions;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge;

/// <summary>
/// The transaction user (RFC 3261 section 5): what this node does with each new request. It asks the pure
/// <see cref="SipRouter"/> where the request goes, authenticates it, talks to the sharded entities, forwards
/// pager MESSAGEs and answers through the request's server transaction. It holds no state of its own.
/// </summary>
public sealed partial class TransactionUser
{

    private readonly TransactionLayer transactions;
    private readonly RoutingContext routing;
    private readonly EdgeAuthentication authentication;
    private readonly IActorRef registrations;
    private readonly IActorRef mailboxes;
    private readonly IActorRef presentities;
    private readonly IActorRef subscriptions;
    private readonly PresenceLimits presenceLimits;
    private readonly Func<SipTransport, ViaHeader> ourVia;
    private readonly TimeSpan messageRetention;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly EntityAsk asks;
    private readonly JournalLookup? journal;

    // AORs this node stored a message for, or failed to deliver to: a hint that their mailbox is not empty.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> mailboxHints = new(StringComparer.Ordinal);

    // The stored-message delivery running for an AOR, at most one at a time.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DeliveryRun> deliveries = new(StringComparer.Ordinal);

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
        JournalLookup? journal = null)
    {
        this.transactions = transactions;
        this.routing = routing;
        this.authentication = authentication;
        this.registrations = registrations;
        this.mailboxes = mailboxes;
        this.presentities = presentities;
        this.subscriptions = subscriptions;
        this.presenceLimits = presenceLimits;
        this.ourVia = ourVia;
        this.messageRetention = messageRetention;
        this.time = time;
        this.logger = logger;
        this.asks = asks ?? new EntityAsk(new SipOverloadOptions().MaxPendingRequests);
        this.journal = journal;
    }

    /// <summary>A To tag for a response (RFC 3261 section 19.3: at least 32 bits of randomness).</summary>
    public static string NewTag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public async Task HandleAsync(SipRequest request, SipFlow flow)
    {
        ArgumentNullException.ThrowIfNull(request);
        switch (SipRouter.Route(request, routing))
        {
            case RouteDecision.Reply reply:
                await RespondAsync(request, reply.StatusCode, reply.Reason, reply.Headers).ConfigureAwait(false);
                break;
            case RouteDecision.Registrar registrar:
                await RegisterAsync(request, flow, registrar.Aor).ConfigureAwait(false);
                break;
            case RouteDecision.UserLocation user:
                await MessageAsync(request, user.Aor).ConfigureAwait(false);
                break;
            case RouteDecision.Presentity presentity:
                await PublishAsync(request, presentity.Aor).ConfigureAwait(false);
                break;
            case RouteDecision.Subscription subscription:
                await SubscribeAsync(request, flow, subscription.Aor, subscription.Package, NewTag()).ConfigureAwait(false);
                break;
            case RouteDecision.InDialogSubscription inDialog:
                await SubscribeAsync(request, flow, null, inDialog.Package, inDialog.SubscriptionId).ConfigureAwait(false);
                break;
            case RouteDecision.Proxy invite:
                await ProxyInviteAsync(request, flow, invite.Aor).ConfigureAwait(false);
                break;
            case RouteDecision.LooseRoute loose:
                await LooseRouteAsync(request, flow, loose.Routes).ConfigureAwait(false);
                break;
            case RouteDecision.Cancel:
                await Proxy.CancelAsync(request).ConfigureAwait(false);
                break;
        }
    }

    // RFC 6665 section 4.2.1 / RFC 3856 section 6.5: a watcher of our domains authenticates as the From it claims
    // (401; another identity gets 403); watchers from elsewhere cannot, and the policy decides about them. The
    // Subscription entity (id = our To-tag) decides and answers; its NOTIFY follows. Watcher information is the
    // presentity owner's alone (RFC 3857 section 5.6): anyone else gets 403.
    private async Task SubscribeAsync(SipRequest request, SipFlow flow, string? presentity, string package, string subscriptionId)
    {
        var now = time.GetUtcNow();
        var from = request.From!.Uri;
        if (presentity is not null && package == Engine.Subscription.EventPackages.WatcherInfo
            && (!from.IsSip || !routing.IsOurs(from.Host) || from.ToAor().ToString() != presentity))
        {
            await RespondAsync(request, 403, "Only the presentity may watch its watchers", []).ConfigureAwait(false);
            return;
        }

        string? identity = null;
        if (from.IsSip && routing.IsOurs(from.Host))
        {
            var check = authentication.Check(request, from.Host, from.ToAor().ToString(), proxy: false, now);
            if (check.Response is not null)
            {
                await transactions.RespondAsync(request, check.Response).ConfigureAwait(false);
                return;
            }

            identity = check.Identity;
        }

        var command = SubscribeExchange.ToCommand(request, subscriptionId, presentity ?? string.Empty, package, flow, identity, now);
        var result = await asks.AskAsync<SubscribeResult>(subscriptions, command, command with { Repeat = true }).ConfigureAwait(false);
        var contact = DialogRequestActor.ContactOf(ourVia(flow.Transport));
        await transactions.RespondAsync(request, SubscribeExchange.ToResponse(request, result, subscriptionId, contact)).ConfigureAwait(false);
        LogSubscribed(presentity ?? subscriptionId, result.StatusCode, result.Expires);
    }

    /// <summary>A SIP-ETag (RFC 3903 section 11.3.1): unguessable, so no client can name another's publication.</summary>
    public static string NewETag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    // RFC 3903 section 6: authenticate (the identity must own the presentity), validate the document, then the one
    // Presentity entity decides, in arrival order.
    private async Task PublishAsync(SipRequest request, string aor)
    {
        var now = time.GetUtcNow();
        var check = authentication.Check(request, SipUri.Parse(aor).Host, aor, proxy: false, now);
        if (check.Response is not null)
        {
            await transactions.RespondAsync(request, check.Response).ConfigureAwait(false);
            return;
        }

        var (command, refusal) = PublishExchange.ToCommand(request, aor, check.Identity, NewETag(), now, presenceLimits, NewTag());
        if (refusal is not null)
        {
            LogPublishRefused(aor, refusal.StatusCode, refusal.ReasonPhrase);
            await transactions.RespondAsync(request, refusal).ConfigureAwait(false);
            return;
        }

        var result = await asks.AskAsync<PublishResult>(presentities, command!).ConfigureAwait(false);
        await transactions.RespondAsync(request, PublishExchange.ToResponse(request, result, NewTag())).ConfigureAwait(false);
        LogPublished(aor, result.StatusCode, result.ETag);
    }

    private ValueTask RespondAsync(SipRequest request, int status, string? reason = null, IReadOnlyList<HeaderField>? headers = null)
    {
        var response = SipResponse.CreateFor(request, status, reason, NewTag());
        foreach (var header in headers ?? [])
        {
            response.Headers.Add(header);
        }

        return transactions.RespondAsync(request, response);
    }

    // RFC 3261 section 10.3: authenticate (step 4), authorize the identity for the AOR (step 5), then the entity.
    private async Task RegisterAsync(SipRequest request, SipFlow flow, string aor)
    {
        var now = time.GetUtcNow();
        var check = authentication.Check(request, SipUri.Parse(aor).Host, aor, proxy: false, now);
        if (check.Response is not null)
        {
            await transactions.RespondAsync(request, check.Response).ConfigureAwait(false);
            return;
        }

        var command = RegisterExchange.ToCommand(request, aor, flow, check.Identity, now);
        var result = await asks.AskAsync<RegisterResult>(registrations, command, command with { Repeat = true }).ConfigureAwait(false);
        await transactions.RespondAsync(request, RegisterExchange.ToResponse(request, result, NewTag())).ConfigureAwait(false);
        LogRegistered(aor, result.StatusCode, result.Bindings.Count);

        if (result.IsSuccess && result.Bindings.Count > 0
            && (result.Added > 0 || mailboxHints.ContainsKey(aor) || deliveries.ContainsKey(aor)))
        {
            // Stored pager messages go out when the user comes online at a new contact (RFC 3428 leaves storage
            // to the server), or on a refresh when this node stored or failed to deliver something for the user.
            // A plain refresh does not wake the mailbox entity, which would cost a recovery per REGISTER.
            StartDelivery(aor, result.Bindings);
        }
    }

    // RFC 3428: MESSAGE to a user of ours goes to its registered contacts, or into its mailbox when it has none.
    private async Task MessageAsync(SipRequest request, string aor)
    {
        var now = time.GetUtcNow();
        var (passed, identity) = await AuthenticateSenderAsync(request, now).ConfigureAwait(false);
        if (!passed)
        {
            return;
        }

        var current = await asks.AskAsync<CurrentBindings>(registrations, new GetBindings(aor)).ConfigureAwait(false);
        var response = current.Bindings.Count == 0 ? null : await ForkAsync(request, current.Bindings).ConfigureAwait(false);
        if (response is null)
        {
            // Nobody online, or no contact reachable: keep it and say so with 202 Accepted.
            await StoreAsync(request, aor, identity, now).ConfigureAwait(false);
            await RespondAsync(request, 202).ConfigureAwait(false);
            return;
        }

        await transactions.RespondAsync(request, response).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends the request to every binding at once (parallel forking, RFC 3261 section 16.6); the first 2xx is
    /// relayed, else the best final response (16.7). Null when no branch reached a client (all timed out or
    /// failed in transport), so the caller can store the message instead.
    /// </summary>
    private async Task<SipResponse?> ForkAsync(SipRequest request, IReadOnlyList<Binding> bindings)
    {
        var branches = new List<Task<SipResponse>>();
        foreach (var binding in bindings)
        {
            if (ForwardedRequest.DestinationFor(binding) is not { } destination)
            {
                continue;
            }

            var via = ourVia(destination.Transport).WithBranch(BranchId.New());
            var forwarded = ForwardedRequest.Create(request, binding.Uri, binding.Path, via);
            var sized = ForwardedRequest.ForSize(destination, SipMessageWriter.GetByteCount(forwarded));
            if (sized.Transport != destination.Transport)
            {
                forwarded = ForwardedRequest.Create(request, binding.Uri, binding.Path, ourVia(sized.Transport).WithBranch(BranchId.New()));
            }

            branches.Add(transactions.SendRequestAsync(forwarded, sized));
        }

        var finals = new List<SipResponse>();
        while (branches.Count > 0)
        {
            var done = await Task.WhenAny(branches).ConfigureAwait(false);
            branches.Remove(done);
            var response = await done.ConfigureAwait(false);
            if (response.IsSuccess)
            {
                // First 2xx wins; the other non-INVITE branches run out on their own (no CANCEL, section 9.1).
                return ResponseSelection.WithoutTopVia(response);
            }

            finals.Add(response);
        }

        // Local 408/503 mean no client answered on that branch; only answers from clients are relayed.
        var answered = finals.Where(r => !r.IsLocal).ToList();
        return answered.Count == 0 ? null : ResponseSelection.WithoutTopVia(ResponseSelection.Best(answered));
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
        HintPending(aor);
        LogStored(aor, request.CallId);
    }

    /// <summary>
    /// Starts delivering the AOR's stored messages, one delivery at a time per AOR: a REGISTER that arrives while
    /// one runs asks it to go round once more with the newest bindings, so a client that refused a message and
    /// registers again at once gets it again.
    /// </summary>
    private void StartDelivery(string aor, IReadOnlyList<Binding> bindings)
    {
        while (true)
        {
            var run = deliveries.GetOrAdd(aor, static (_, b) => new DeliveryRun(b), bindings);
            lock (run)
            {
                if (run.Finished)
                {
                    continue; // it ended as we looked: start a new one
                }

                if (run.Started)
                {
                    run.Bindings = bindings;
                    run.Again = true;
                    return;
                }

                run.Started = true;
            }

            _ = DeliverStoredAsync(aor, run);
            return;
        }
    }

    private async Task DeliverStoredAsync(string aor, DeliveryRun run)
    {
        try
        {
            while (true)
            {
                IReadOnlyList<Binding> bindings;
                lock (run)
                {
                    run.Again = false;
                    bindings = run.Bindings;
                }

                if (await DeliverOnceAsync(aor, bindings).ConfigureAwait(false))
                {
                    mailboxHints.TryRemove(aor, out _);
                }
                else
                {
                    HintPending(aor);
                }

                lock (run)
                {
                    if (!run.Again)
                    {
                        run.Finished = true;
                        deliveries.TryRemove(new KeyValuePair<string, DeliveryRun>(aor, run));
                        return;
                    }
                }
            }
        }
        catch (Exception e) when (e is EntityUnavailableException or IOException or InvalidOperationException)
        {
            HintPending(aor);
            LogDeliveryDeferred(aor, e.Message);
            lock (run)
            {
                run.Finished = true;
                deliveries.TryRemove(new KeyValuePair<string, DeliveryRun>(aor, run));
            }
        }
    }

    /// <summary>Delivers stored messages in order, each removed only after a 2xx; stops at the first failure to keep the order. True when none is left.</summary>
    private async Task<bool> DeliverOnceAsync(string aor, IReadOnlyList<Binding> bindings)
    {
        if (!mailboxHints.ContainsKey(aor) && !await MailboxEverUsedAsync(aor).ConfigureAwait(false))
        {
            return true; // most users never had a message stored: no mailbox entity needs to start to say so
        }

        var pending = await asks.AskAsync<PendingMessages>(mailboxes, new GetPendingMessages(aor)).ConfigureAwait(false);
        foreach (var message in pending.Messages)
        {
            var request = StoredMessageRequest.Create(message, aor);
            if (await ForkAsync(request, bindings).ConfigureAwait(false) is not { IsSuccess: true })
            {
                LogDeliveryDeferred(aor, message.MessageId);
                return false;
            }

            await asks.AskAsync<DeliveryAcknowledged>(mailboxes, new AcknowledgeDelivery(aor, message.MessageId, time.GetUtcNow()))
                .ConfigureAwait(false);
            LogDelivered(aor, message.MessageId);
        }

        return true;
    }

    /// <summary>Whether the AOR's mailbox has any event in the journal; true when the journal cannot say.</summary>
    private async Task<bool> MailboxEverUsedAsync(string aor)
    {
        if (journal is null)
        {
            return true;
        }

        try
        {
            return await journal.HasEventsAsync(MailboxActor.PersistenceIdPrefix + aor).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed lookup only means the mailbox entity is asked, as it always was.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogDeliveryDeferred(aor, e.Message);
            return true;
        }
    }

    /// <summary>One AOR's delivery of stored messages; guarded by its own lock.</summary>
    private sealed class DeliveryRun(IReadOnlyList<Binding> bindings)
    {
        public IReadOnlyList<Binding> Bindings { get; set; } = bindings;

        public bool Started { get; set; }

        public bool Again { get; set; }

        public bool Finished { get; set; }
    }

    /// <summary>Remembers that the AOR's mailbox may hold messages; a hint only, so it is simply dropped when it grows too big.</summary>
    private void HintPending(string aor)
    {
        if (mailboxHints.Count > 100_000)
        {
            mailboxHints.Clear();
        }

        mailboxHints[aor] = 0;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "REGISTER {Aor} -> {Status} ({Bindings} bindings)")]
    private partial void LogRegistered(string aor, int status, int bindings);

    [LoggerMessage(Level = LogLevel.Information, Message = "MESSAGE {CallId} for {Aor} stored for later delivery")]
    private partial void LogStored(string aor, string? callId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored message {MessageId} delivered to {Aor}")]
    private partial void LogDelivered(string aor, string messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery of stored messages to {Aor} deferred: {Why}")]
    private partial void LogDeliveryDeferred(string aor, string why);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SUBSCRIBE {Target} -> {Status} (expires {Expires})")]
    private partial void LogSubscribed(string target, int status, int expires);

    [LoggerMessage(Level = LogLevel.Debug, Message = "PUBLISH {Aor} -> {Status} (SIP-ETag {ETag})")]
    private partial void LogPublished(string aor, int status, string? etag);

    [LoggerMessage(Level = LogLevel.Information, Message = "PUBLISH {Aor} refused: {Status} {Reason}")]
    private partial void LogPublishRefused(string aor, int status, string reason);
}
