using System.Collections.Immutable;
using System.Globalization;
using SimpleActors.Presence;
using SimpleActors.Presence.Rls;
using SimpleActors.Sip.Dialogs;
using SimpleActors.Sip.Message;

namespace SimpleActors.Engine.Rls;

/// <summary>
/// One back-end subscription of a list subscription (RFC 4662 section 4.2 and 7.1.2): the server subscribes, as the
/// list's subscriber, to the presence of a resource of another domain, and the resource's instance in the RLMI follows
/// what the notifier says: pending until a NOTIFY says active, active with the NOTIFY's PIDF, terminated with the
/// notifier's reason (the resource stays listed, RFC 4662 section 4.4). A pure value; time is passed in. The dialog is
/// the subscriber's side (RFC 3261 section 12.1.2); before the 2xx it is the initial request's template (no remote tag,
/// the outbound proxy as a pre-loaded route).
/// <code>
///              Start
///                |  SUBSCRIBE (Expires: n)
///                v                       423: again with Min-Expires
///          Subscribing ---------------------------------+
///   2xx /        |                                      |
///   NOTIFY       | other final, no answer                | End
///                v                                      v
///   +---&gt; Established --- refresh due ---&gt; Refreshing   Ending --- 2xx ---&gt; Unsubscribing --- final ---&gt; Ended
///   |          |  ^                           |                                  ^
///   +-- 2xx ---+--+---------------------------+  End: SUBSCRIBE (Expires: 0) ----+
///              |  481, expiry, NOTIFY terminated
///              v
///          Terminated --- retry due (backoff, bounded) ---&gt; Subscribing (a new dialog: new Call-ID and tag)
/// </code>
/// </summary>
public sealed record BackendSubscription
{
    // How long a request waits for its final response: Timer F (64*T1, RFC 3261 section 17.1.2.2) and a margin, in case
    // the edge that sent it is gone.
    private static readonly TimeSpan AnswerWait = TimeSpan.FromSeconds(40);

    private static readonly PresenceLimits Limits = PresenceLimits.Default;

    /// <summary>The resource (the Request-URI and To).</summary>
    public required string Resource { get; init; }

    /// <summary>The list's subscriber, on whose behalf we subscribe (From; RFC 4662 section 7.1.2).</summary>
    public required string Subscriber { get; init; }

    /// <summary>The list subscription's id (in our tag).</summary>
    public required string SubscriptionId { get; init; }

    /// <summary>The member's key (in our tag).</summary>
    public required string Key { get; init; }

    /// <summary>Which try this is: each new dialog has a new Call-ID and tag.</summary>
    public int Attempt { get; init; }

    public BackendPhase Phase { get; init; }

    /// <summary>Our side of the dialog; before a 2xx or NOTIFY formed it, the initial request's template (no remote tag).</summary>
    public required Dialog Dialog { get; init; }

    /// <summary>The CSeq of the request out, 0 when none is.</summary>
    public uint InFlight { get; init; }

    /// <summary>The Expires the requests ask for (raised by a 423's Min-Expires).</summary>
    public int RequestedExpires { get; init; }

    /// <summary>When the subscription expires, as the notifier granted it.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When something is to be done: the refresh, the retry, or giving up on the answer of the request out.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Failures and terminations in a row (reset by a NOTIFY that says active).</summary>
    public int Failures { get; init; }

    /// <summary>The resource's instance as the RLMI shows it (RFC 4662 section 5.4).</summary>
    public RlmiInstanceState Instance { get; init; } = RlmiInstanceState.Pending;

    /// <summary>The reason of a terminated instance.</summary>
    public string? Reason { get; init; }

    /// <summary>The resource's PIDF as the last NOTIFY with a body carried it.</summary>
    public byte[]? Document { get; init; }

    /// <summary>The notifier accepted or notified: the dialog has its remote tag.</summary>
    public bool Established => Dialog.RemoteTag.Length > 0;

    /// <summary>Our From-tag now.</summary>
    public string LocalTag => Dialog.LocalTag;

    /// <summary>Starts a back-end subscription: the initial SUBSCRIBE (RFC 6665 section 4.1.2.1).</summary>
    public static (BackendSubscription Next, OutgoingRequest Send) Start(
        string resource, string subscriber, string subscriptionId, string key, ResourceListOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        var template = new BackendSubscription
        {
            Resource = resource,
            Subscriber = subscriber,
            SubscriptionId = subscriptionId,
            Key = key,
            Dialog = null!,
            RequestedExpires = options.BackendExpires,
        };
        return template.NewDialog(0, options).Initial(now);
    }

    /// <summary>
    /// The final response to our request. 2xx: the dialog (To-tag, route set = Record-Route reversed, remote target =
    /// Contact, RFC 3261 section 12.1.2) and the expiry (RFC 6665 section 4.1.2.1). 423: again with Min-Expires
    /// (section 4.1.2.1). A refresh that fails otherwise leaves the subscription as it was until it expires (section
    /// 4.1.2.2), but 481 ends it. An initial SUBSCRIBE that fails is terminated and tried again later (section 4.1.2.4).
    /// </summary>
    public (BackendSubscription Next, OutgoingRequest? Send) Responded(BackendResponse response, ResourceListOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(options);
        if (InFlight == 0 || response.CSeq != InFlight || response.FromTag != LocalTag || response.CallId != Dialog.CallId || response.StatusCode < 200)
        {
            return (this, null); // stale, or not ours
        }

        var answered = this with { InFlight = 0, DueAt = null };
        if (response.StatusCode == 423 && response.MinExpires is { } least && least > RequestedExpires && Phase is not (BackendPhase.Unsubscribing or BackendPhase.Ending))
        {
            var again = answered with { RequestedExpires = least };
            return Phase == BackendPhase.Refreshing ? again.Refresh(now) : again.Initial(now);
        }

        switch (Phase)
        {
            case BackendPhase.Unsubscribing:
                return (answered with { Phase = BackendPhase.Ended }, null);
            case BackendPhase.Ending when response.IsSuccess && response.ToTag is { Length: > 0 }:
                return answered.FormDialog(response).Unsubscribe(now);
            case BackendPhase.Ending:
                return (answered with { Phase = BackendPhase.Ended }, null);
            case BackendPhase.Subscribing when response.IsSuccess && response.ToTag is { Length: > 0 }:
                return (answered.FormDialog(response).Granted(response.Expires ?? RequestedExpires, options, now), null);
            case BackendPhase.Subscribing:
                return (answered.Terminate(ReasonFor(response.StatusCode), response.RetryAfter, retry: true, options, now), null);
            case BackendPhase.Refreshing when response.IsSuccess:
                return (answered.Granted(response.Expires ?? RequestedExpires, options, now), null);
            case BackendPhase.Refreshing when response.StatusCode == 481:
                return (answered.Terminate(DeactivatedReason, null, retry: true, options, now), null);
            case BackendPhase.Refreshing:
                // RFC 6665 section 4.1.2.2: still valid until it expires; the refresh is tried again before then.
                var again = now + options.BackendFloor;
                return (answered with { Phase = BackendPhase.Established, DueAt = ExpiresAt is { } at && at < again ? at : again }, null);
            default:
                return (answered, null);
        }
    }

    /// <summary>
    /// A NOTIFY in the subscription (RFC 6665 section 4.1.3): the status to answer and the subscription after it. Before
    /// the 2xx it forms the dialog (section 4.1.2.4); a NOTIFY of another dialog, or of a subscription no longer alive,
    /// gets 481; one out of order 500 (RFC 3261 section 12.2.2); one without a valid Subscription-State, or with a body
    /// that is no PIDF within our limits, 400.
    /// </summary>
    public (BackendSubscription Next, int Status, string? Reason) Notified(BackendNotify notify, ResourceListOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(notify);
        ArgumentNullException.ThrowIfNull(options);
        if (notify.ToTag != LocalTag || notify.CallId != Dialog.CallId || Phase is BackendPhase.Terminated or BackendPhase.Ended
            || (Established && notify.FromTag != Dialog.RemoteTag))
        {
            return (this, 481, null);
        }

        if (Established && !Dialog.InOrder(notify.CSeq))
        {
            return (this, 500, "CSeq out of order");
        }

        if (!SubscriptionStateHeader.TryParse(notify.SubscriptionState, out var state))
        {
            return (this, 400, "Missing or bad Subscription-State");
        }

        var document = Document;
        if (notify.Body.Length > 0 && string.Equals(notify.ContentType?.Split(';')[0].Trim(), Pidf.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                _ = Pidf.Parse(notify.Body, Limits);
                document = notify.Body;
            }
            catch (PresenceDocumentException e)
            {
                return (this, 400, e.Message);
            }
        }

        // The NOTIFY is a target refresh (RFC 6665 section 4.1.2.3); before the 2xx it forms the dialog (section 4.1.2.4).
        var dialog = Established
            ? Dialog with { RemoteCSeq = notify.CSeq, RemoteTarget = notify.Contact ?? Dialog.RemoteTarget }
            : Dialog with { RemoteTag = notify.FromTag, RemoteCSeq = notify.CSeq, RemoteTarget = notify.Contact ?? Resource, RouteSet = [.. notify.RecordRoutes] };
        var next = this with { Dialog = dialog };
        if (Phase is BackendPhase.Ending or BackendPhase.Unsubscribing)
        {
            return (next, 200, null); // on its way out: the state no longer counts
        }

        switch (state.State)
        {
            case SubscriptionState.Terminated:
                var retry = state.Reason is not (RejectedReason or NoResourceReason or InvariantReason); // RFC 6665 section 4.1.3
                var immediately = state.Reason is DeactivatedReason or TimeoutReason && state.RetryAfter is null && Failures == 0;
                return ((next with { InFlight = 0 }).Terminate(state.Reason, state.RetryAfter, retry, options, now, immediately), 200, null);
            case SubscriptionState.Active:
                next = next with { Instance = RlmiInstanceState.Active, Reason = null, Document = document, Failures = 0 };
                break;
            default: // pending, or a state we do not know: no state to show yet
                next = next with { Instance = RlmiInstanceState.Pending, Reason = null, Document = document };
                break;
        }

        if (next.Phase == BackendPhase.Subscribing)
        {
            return (next, 200, null); // the 2xx still sets the expiry
        }

        return (state.Expires is { } expires && (ExpiresAt is null || now.AddSeconds(expires) < ExpiresAt) ? next.Granted(expires, options, now, keepPhase: true) : next, 200, null);
    }

    /// <summary>Time passed <see cref="DueAt"/>: the refresh goes, an answer that did not come counts as 408, the expiry ends it, the retry starts a new dialog.</summary>
    public (BackendSubscription Next, OutgoingRequest? Send) Due(ResourceListOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (DueAt is not { } due || due > now)
        {
            return (this, null);
        }

        if (InFlight != 0)
        {
            return Responded(new BackendResponse(LocalTag, Dialog.CallId, InFlight, 408, "No answer", null, null, [], null, null, null), options, now);
        }

        return Phase switch
        {
            BackendPhase.Established when ExpiresAt <= now => (Terminate(TimeoutReason, null, retry: true, options, now, immediately: true), null),
            BackendPhase.Established => Refresh(now),
            BackendPhase.Terminated => NewDialog(Attempt + 1, options).Initial(now),
            _ => (this with { DueAt = null }, null),
        };
    }

    /// <summary>
    /// The list no longer wants it (the member left, the list subscription ended): SUBSCRIBE with Expires 0 in the
    /// dialog (RFC 6665 section 4.1.2.3); before the 2xx, once it comes.
    /// </summary>
    public (BackendSubscription Next, OutgoingRequest? Send) End(DateTimeOffset now) => Phase switch
    {
        BackendPhase.Subscribing when !Established => (this with { Phase = BackendPhase.Ending }, null),
        BackendPhase.Subscribing or BackendPhase.Established or BackendPhase.Refreshing => Unsubscribe(now),
        BackendPhase.Ending or BackendPhase.Unsubscribing => (this, null),
        _ => (this with { Phase = BackendPhase.Ended, DueAt = null, InFlight = 0 }, null),
    };

    private const string DeactivatedReason = "deactivated";
    private const string TimeoutReason = "timeout";
    private const string RejectedReason = "rejected";
    private const string NoResourceReason = "noresource";
    private const string InvariantReason = "invariant";
    private const string ProbationReason = "probation";

    /// <summary>The RLMI reason for a failed SUBSCRIBE (RFC 6665 section 4.1.3's values): refused, no such resource, or try later.</summary>
    private static string ReasonFor(int status) => status switch
    {
        403 or 489 or 603 => RejectedReason,
        404 or 410 or 484 or 604 => NoResourceReason,
        481 => DeactivatedReason,
        _ => ProbationReason,
    };

    private BackendSubscription NewDialog(int attempt, ResourceListOptions options)
    {
        var tag = BackendTag.Of(SubscriptionId, Key, attempt);
        ImmutableArray<string> preloaded = options.OutboundProxy is { Length: > 0 } proxy ? [LooseRoute(proxy)] : [];
        var dialog = new Dialog(
            FormattableString.Invariant($"{Key}-{attempt}-{SubscriptionId}@rls"), Subscriber, tag, Resource, string.Empty, Resource, preloaded, 0, 0, false, null);
        return this with { Attempt = attempt, Dialog = dialog, ExpiresAt = null, InFlight = 0, DueAt = null }; // a terminated instance shows so until a NOTIFY says otherwise
    }

    /// <summary>The outbound proxy as a Route value, with <c>lr</c> (RFC 3261 section 8.1.2: a pre-loaded route to a loose router).</summary>
    private static string LooseRoute(string proxy)
    {
        var uri = proxy.Trim().TrimStart('<').TrimEnd('>');
        return SipUri.TryParse(uri, out var parsed) && parsed.IsLooseRouting ? $"<{uri}>" : $"<{uri};lr>";
    }

    private (BackendSubscription Next, OutgoingRequest Send) Initial(DateTimeOffset now) =>
        Subscribe(this with { Phase = BackendPhase.Subscribing }, RequestedExpires, now);

    private (BackendSubscription Next, OutgoingRequest Send) Refresh(DateTimeOffset now) =>
        Subscribe(this with { Phase = BackendPhase.Refreshing }, RequestedExpires, now);

    private (BackendSubscription Next, OutgoingRequest Send) Unsubscribe(DateTimeOffset now) =>
        Subscribe(this with { Phase = BackendPhase.Unsubscribing }, 0, now);

    /// <summary>A SUBSCRIBE for presence in PIDF (RFC 3856 section 6.6), the next CSeq of the dialog.</summary>
    private static (BackendSubscription Next, OutgoingRequest Send) Subscribe(BackendSubscription at, int expires, DateTimeOffset now)
    {
        KeyValuePair<string, string>[] headers =
        [
            KeyValuePair.Create("Event", Subscription.EventPackages.Presence),
            KeyValuePair.Create("Accept", Pidf.ContentType),
            KeyValuePair.Create("Expires", expires.ToString(CultureInfo.InvariantCulture)),
        ];
        var (dialog, request) = at.Dialog.MakeRequest(SipMethod.Subscribe, headers);
        return (at with { Dialog = dialog, InFlight = request.CSeq, DueAt = now + AnswerWait }, request);
    }

    private BackendSubscription FormDialog(BackendResponse response)
    {
        if (Established)
        {
            return this; // a NOTIFY formed it already (RFC 6665 section 4.1.2.4); a second dialog of a fork is not taken
        }

        return this with
        {
            Dialog = Dialog with
            {
                RemoteTag = response.ToTag!,
                RemoteTarget = response.Contact ?? Resource,
                RouteSet = [.. response.RecordRoutes.Reverse()],
            },
        };
    }

    /// <summary>The notifier granted <paramref name="expires"/> seconds: refreshed at 80 % of it, never sooner than the floor.</summary>
    private BackendSubscription Granted(int expires, ResourceListOptions options, DateTimeOffset now, bool keepPhase = false)
    {
        var granted = TimeSpan.FromSeconds(Math.Max(0, expires));
        var floor = granted < options.BackendFloor ? granted : options.BackendFloor;
        var refresh = granted * 0.8 > floor ? granted * 0.8 : floor;
        return this with
        {
            Phase = keepPhase ? Phase : BackendPhase.Established,
            ExpiresAt = now + granted,
            DueAt = InFlight != 0 ? DueAt : now + refresh,
        };
    }

    /// <summary>
    /// Ended by the notifier or a failure: the instance shows terminated with the reason; another try comes after the
    /// notifier's retry-after, else after a backoff that doubles per failure (at once, within the floor, for deactivated
    /// and timeout, RFC 6665 section 4.1.3), and none after too many failures in a row.
    /// </summary>
    private BackendSubscription Terminate(string? reason, int? retryAfter, bool retry, ResourceListOptions options, DateTimeOffset now, bool immediately = false)
    {
        var failures = Failures + 1;
        DateTimeOffset? due = null;
        if (retry && failures <= options.BackendMaxFailures)
        {
            var backoff = immediately
                ? options.BackendFloor
                : TimeSpan.FromTicks(Math.Min(options.BackendRetryMax.Ticks, options.BackendRetry.Ticks * (1L << Math.Min(failures - 1, 20))));
            if (retryAfter is { } seconds && TimeSpan.FromSeconds(seconds) > backoff)
            {
                backoff = TimeSpan.FromSeconds(seconds);
            }

            due = now + backoff;
        }

        return this with
        {
            Phase = BackendPhase.Terminated,
            Instance = RlmiInstanceState.Terminated,
            Reason = reason,
            Failures = failures,
            ExpiresAt = null,
            InFlight = 0,
            DueAt = due,
        };
    }
}
