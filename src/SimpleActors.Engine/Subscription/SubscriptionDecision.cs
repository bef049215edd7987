namespace SimpleActors.Engine.Subscription;

/// <summary>
/// The pure decisions of a Subscription (RFC 6665 section 4.2.1, RFC 3856 section 6): what a SUBSCRIBE does to the
/// subscription, and what a NOTIFY's outcome does.
/// </summary>
public static class SubscriptionDecision
{
    /// <summary>The reason of the final NOTIFY for an expiry or an unsubscribe (RFC 6665 section 4.4.1).</summary>
    public const string Timeout = "timeout";

    /// <summary>
    /// How many NOTIFY CSeqs one journal write reserves: the NOTIFYs of a presence subscription wait for a write once per
    /// this many, not each (a fan-out to 1,000 watchers then waits for no write; their records are written meanwhile). CSeqs go up by one (RFC 3261
    /// section 12.2.1.1); only after a crash does a subscription skip the rest of its block, which a UAS accepts
    /// (section 12.2.2: a CSeq higher than the last by more than one is not an error).
    /// </summary>
    public const uint CSeqBlock = 32;

    public static (IReadOnlyList<ISubscriptionEvent> Events, SubscribeResult Reply) Subscribe(
        SubscriptionState state, Subscribe command, DateTimeOffset now, SubscriptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(options);

        if (command.Repeat && state.Exists && state.Dialog.CallId == command.CallId && state.Dialog.RemoteTag == command.WatcherTag
            && state.Dialog.RemoteCSeq == command.CSeq)
        {
            // This very request was applied already (the edge sent it again after a lost answer, EntityAsk): the same
            // answer, nothing changed.
            var left = state.IsLive ? Math.Max(0, (int)Math.Ceiling((state.ExpiresAt - now).TotalSeconds)) : 0;
            return ([], new SubscribeResult(state.Status == SubscriptionStatus.Pending ? 202 : 200, null, left, null) { EventList = state.List is not null });
        }

        if (!command.Initial)
        {
            // RFC 6665 section 4.2.1.2 / RFC 3261 section 12.2.2: the dialog must exist, be ours and be alive.
            // A SUBSCRIBE in the dialog for another package would be a second subscription in it, which we do not keep.
            if (!state.IsLive || state.Dialog.CallId != command.CallId || state.Dialog.RemoteTag != command.WatcherTag || state.Package != command.Package)
            {
                return ([], new SubscribeResult(481, null, 0, null));
            }

            if (!state.Dialog.InOrder(command.CSeq))
            {
                return ([], new SubscribeResult(500, "CSeq out of order", 0, null));
            }
        }
        else if (state.Exists)
        {
            return ([], new SubscribeResult(500, "Subscription id in use", 0, null));
        }

        // RFC 6665 section 4.2.1.1: too short a non-zero duration gets 423 with Min-Expires; longer is shortened.
        var requested = command.HeaderExpires ?? options.DefaultExpires;
        if (requested != 0 && requested < options.MinExpires)
        {
            return ([], new SubscribeResult(423, null, 0, options.MinExpires));
        }

        var expires = Math.Min(requested, options.MaxExpires);
        var expiresAt = now.AddSeconds(expires);
        if (command.Initial)
        {
            var package = EventPackages.Get(command.Package);
            // A list subscription is its owner's (the edge checked): active; each resource's owner decides about its own
            // instance (RFC 4662 section 7.1.2: back-end subscriptions are the subscriber's).
            var status = command.List is null ? package.FirstStatus(command.Presentity, command.Watcher, options) : SubscriptionStatus.Active;
            IReadOnlyList<ISubscriptionEvent> created =
            [
                new SubscriptionCreated(
                    command.SubscriptionId, command.Presentity, command.EventId, command.Watcher, command.WatcherTag, command.CallId,
                    command.CSeq, command.RemoteTarget, command.RouteSet, command.Flow, expiresAt, status, command.Identity, now, command.Package,
                    package.NumbersDocuments ? 0 : CSeqBlock,
                    command.Documents,
                    command.List,
                    command.Partial && command.Package == EventPackages.Presence),
            ];
            return (created, new SubscribeResult(status == SubscriptionStatus.Active ? 200 : 202, null, expires, null) { EventList = command.List is not null });
        }

        // A refresh with a new Contact moves the remote target (a target refresh, RFC 3261 section 12.2.2).
        var target = command.RemoteTarget.Length > 0 && command.RemoteTarget != state.Dialog!.RemoteTarget ? command.RemoteTarget : null;
        IReadOnlyList<ISubscriptionEvent> refreshed =
            [new SubscriptionRefreshed(state.SubscriptionId, command.CSeq, expiresAt, command.Flow, command.Identity, now, target)];
        return (refreshed, new SubscribeResult(state.Status == SubscriptionStatus.Active ? 200 : 202, null, expires, null) { EventList = state.List is not null });
    }

    /// <summary>
    /// The configured default policy (until a presentity's own rules decide): allow everybody, allow watchers of the
    /// presentity's own domain and hold others pending, or hold everybody pending. A presentity watching itself is allowed.
    /// </summary>
    public static SubscriptionStatus Authorize(string presentity, string watcher, SubscriptionPolicy policy)
    {
        var own = Sip.Message.SipUri.TryParse(presentity, out var p) && Sip.Message.SipUri.TryParse(watcher, out var w)
            ? (p.ToAor().ToString() == w.ToAor().ToString(), string.Equals(p.Host, w.Host, StringComparison.OrdinalIgnoreCase))
            : (false, false);
        return policy switch
        {
            _ when own.Item1 => SubscriptionStatus.Active,
            SubscriptionPolicy.AllowAll => SubscriptionStatus.Active,
            SubscriptionPolicy.AllowOwnDomain when own.Item2 => SubscriptionStatus.Active,
            _ => SubscriptionStatus.Pending,
        };
    }

    /// <summary>The reason of the final NOTIFY when the owner blocks the watcher (RFC 6665 section 4.4.1).</summary>
    public const string Rejected = "rejected";

    /// <summary>The reason of the final NOTIFY when the resource no longer exists (RFC 6665 section 4.4.1; a list that was deleted).</summary>
    public const string NoResource = "noresource";

    /// <summary>
    /// The owner's decision (RFC 5025 section 3.2.1): allow makes a pending (or politely blocked) subscription active,
    /// polite-block makes it active with a closed presentity, confirm makes an active one pending; block is answered by the caller with a final NOTIFY
    /// (reason rejected) and produces no event here. Nothing changes for an ended subscription or an unchanged decision.
    /// </summary>
    public static IReadOnlyList<ISubscriptionEvent> Authorize(SubscriptionState state, Presence.AuthorizationDecision decision, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.IsLive)
        {
            return [];
        }

        return decision switch
        {
            Presence.AuthorizationDecision.Allow when state.Status != SubscriptionStatus.Active || state.Polite =>
                [new SubscriptionAuthorized(state.SubscriptionId, SubscriptionStatus.Active, false, now)],
            Presence.AuthorizationDecision.PoliteBlock when state.Status != SubscriptionStatus.Active || !state.Polite =>
                [new SubscriptionAuthorized(state.SubscriptionId, SubscriptionStatus.Active, true, now)],

            // RFC 5025 section 4: rules that now hold the watcher for confirmation make an active subscription pending again.
            Presence.AuthorizationDecision.Confirm when state.Status == SubscriptionStatus.Active =>
                [new SubscriptionAuthorized(state.SubscriptionId, SubscriptionStatus.Pending, false, now)],
            _ => [],
        };
    }

    /// <summary>
    /// What a NOTIFY about to leave journals: always the NOTIFY itself (CSeq, state version, body digest), for the
    /// subscription's history; with <paramref name="ending"/> (a final NOTIFY) also the end. It must be written before
    /// the NOTIFY leaves when it ends the subscription, numbers a watcher-info document (the number must not repeat, RFC
    /// 3858 section 4.4), or is the first presence NOTIFY past the reserved CSeqs (it reserves the next
    /// <see cref="CSeqBlock"/>, so CSeqs never go back after a restart, RFC 3261 section 12.2.1.1). A presence NOTIFY
    /// inside the reserved CSeqs leaves at once and its record is written meanwhile.
    /// </summary>
    public static NotifyJournal NotifyEvents(
        SubscriptionState state, uint cseq, long version, SubscriptionStatus status, string? ending, string? bodyDigest, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var issued = new NotifyIssued(state.SubscriptionId, cseq, version, status, now, BodyDigest: bodyDigest);
        if (ending is not null)
        {
            return state.IsLive
                ? new NotifyJournal([issued, new SubscriptionTerminated(state.SubscriptionId, ending, true, now)], BeforeSending: true)
                : new NotifyJournal([issued], BeforeSending: true);
        }

        if (EventPackages.Get(state.Package).NumbersDocuments)
        {
            return new NotifyJournal([issued], BeforeSending: true);
        }

        return cseq <= state.CSeqReserved
            ? new NotifyJournal([issued], BeforeSending: false)
            : new NotifyJournal([issued with { ReservedUpTo = cseq + CSeqBlock - 1 }], BeforeSending: true);
    }

    /// <summary>The subscription has run out by <paramref name="now"/>: it ends with a final NOTIFY (reason timeout).</summary>
    public static IReadOnlyList<ISubscriptionEvent> Expire(SubscriptionState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.IsLive && state.ExpiresAt <= now ? [new SubscriptionTerminated(state.SubscriptionId, Timeout, true, now)] : [];
    }

    /// <summary>
    /// The outcome of a NOTIFY: a 481, a timeout (408) or a transport failure ends the subscription without another
    /// NOTIFY (RFC 6665 section 4.2.2); other failures are tolerated.
    /// </summary>
    public static IReadOnlyList<ISubscriptionEvent> NotifyAnswered(SubscriptionState state, int statusCode, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.IsLive)
        {
            return [];
        }

        return statusCode switch
        {
            481 => [new SubscriptionTerminated(state.SubscriptionId, "notify-481", false, now)],
            408 => [new SubscriptionTerminated(state.SubscriptionId, "notify-timeout", false, now)],
            503 => [new SubscriptionTerminated(state.SubscriptionId, "notify-unreachable", false, now)],
            _ => [],
        };
    }
}
