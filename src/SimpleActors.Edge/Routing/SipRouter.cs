using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Routing;

/// <summary>
/// The pure decision of where a new request goes. It runs after the message has passed
/// <see cref="SipMessageValidator"/> and the transaction layer has seen it is not a retransmission.
/// Rules in the order RFC 3261 section 8.2 (UAS behaviour) and 16.3 (request validation) apply them.
/// </summary>
public static class SipRouter
{
    public static RouteDecision Route(SipRequest request, RoutingContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);

        if (InDialogLooseRoute(request, context) is { } proxied)
        {
            return proxied;
        }

        // RFC 3261 section 12.2.2: a request in one of our UAS INVITE sessions (its To tag is ours); a SUBSCRIBE's To tag
        // names a subscription instead.
        if (request.To?.Tag is { } localTag && request.Method != SipMethod.Subscribe && context.IsInviteSession(localTag))
        {
            return new RouteDecision.InviteSessionRequest(localTag);
        }

        // RFC 6665 section 4.1.3: a NOTIFY in one of our back-end subscriptions goes to its list subscription (its To-tag
        // names it, Engine.Rls.BackendTag); of another package, 489; any other NOTIFY in a dialog matches none of ours: 481.
        if (request.Method == SipMethod.Notify && request.To?.Tag is { } notifyTag)
        {
            return !Engine.Rls.BackendTag.TryParse(notifyTag, out var listSubscription) ? new RouteDecision.Reply(481)
                : UnservedPackage(request, RoutingContext.PublishPackages) is { } refused ? refused
                : new RouteDecision.BackendNotify(listSubscription);
        }

        if (request.Method == SipMethod.Ack)
        {
            // An ACK that matched no transaction: for a 2xx it would go to the dialog; we have none yet (13.3.1.4).
            return new RouteDecision.Absorb();
        }

        // RFC 3261 section 8.2.1: methods we do not know get 501, methods we know but do not handle 405.
        if (!RoutingContext.AllowedMethods.Contains(request.Method))
        {
            return RoutingContext.KnownMethods.Contains(request.Method)
                ? new RouteDecision.Reply(405, null, [Allow()])
                : new RouteDecision.Reply(501, null, [Allow()]);
        }

        // RFC 3261 section 8.2.2.1: a scheme we do not serve gets 416.
        var uri = request.RequestUri;
        if (!uri.IsSip)
        {
            return new RouteDecision.Reply(416);
        }

        // RFC 3261 section 8.2.2.3: Require with an extension we do not support gets 420 listing them (not for CANCEL,
        // nor for an INVITE we proxy: Require is for the user agent, section 16.3 item 5 checks only Proxy-Require).
        if (request.Method is not (SipMethod.Cancel or SipMethod.Invite) && Unsupported(request) is { } unsupported)
        {
            return unsupported;
        }

        if (request.Method == SipMethod.Cancel)
        {
            // Section 9.1: a CANCEL has its INVITE's Request-URI, so one a UAS usage serves cancels an INVITE the UAS holds.
            if (context.IsInviteUsageTarget(uri))
            {
                return new RouteDecision.InviteUsageCancel();
            }

            // The proxy cancels the INVITE it forwards (RFC 3261 section 16.10), else 481 (section 9.2).
            return new RouteDecision.Cancel();
        }

        if (request.Method == SipMethod.Subscribe)
        {
            return RouteSubscribe(request, context);
        }

        // A request inside a dialog we do not hold (To tag present, RFC 3261 section 12.2.2).
        if (request.To?.Tag is not null && request.Method != SipMethod.Options)
        {
            return new RouteDecision.Reply(481);
        }

        if (!context.IsOurs(uri.Host))
        {
            // Not a proxy for other domains (RFC 3261 section 16.4 would forward; we refuse).
            return new RouteDecision.Reply(403, "Domain not served here");
        }

        switch (request.Method)
        {
            case SipMethod.Options:
                // RFC 3261 section 11.2: answered here, with what we support. Max-Forwards 0 is fine for us (RFC 4475 3.3.11).
                return new RouteDecision.Reply(200, null,
                [
                    Allow(),
                    HeaderField.Create(KnownHeader.Accept, string.Join(", ", RoutingContext.AcceptedTypes)),
                    HeaderField.Create(KnownHeader.AcceptEncoding, ContentCoding.Accepted),
                    HeaderField.Create(KnownHeader.Supported, string.Join(", ", RoutingContext.SupportedExtensions)),
                ]);

            case SipMethod.Register:
                return RouteRegister(request, context);

            case SipMethod.Publish:
                return RoutePublish(request, context);

            case SipMethod.Invite when context.IsInviteUsageTarget(uri):
                // RFC 3261 section 13.3.1: answered here as a UAS (Require checked, section 8.2.2.3); a UAS takes Max-Forwards 0.
                return (RouteDecision?)Unsupported(request) ?? new RouteDecision.InviteUsage();

            case SipMethod.Invite:
                // RFC 3261 section 16.3 item 2 and 16.5: a user of ours, or 404 (section 21.4.4: no such user here).
                return UserOfOurs(uri, context, "No user in the Request-URI", aor =>
                    request.MaxForwards == 0 ? new RouteDecision.Reply(483) : new RouteDecision.Proxy(aor));

            case SipMethod.Bye:
                // RFC 3261 section 15.1.2: a BYE outside a dialog we take part in (no Route to us).
                return new RouteDecision.Reply(481);

            default: // MESSAGE
                // RFC 3261 section 16.3 item 2: we forward it, so Max-Forwards 0 ends here.
                return UserOfOurs(uri, context, "No user in the Request-URI", aor =>
                    request.MaxForwards == 0 ? new RouteDecision.Reply(483) : new RouteDecision.UserLocation(aor));
        }
    }

    /// <summary>
    /// RFC 3261 section 16.4: a request inside a dialog (To tag) whose top Route names us, and that goes on from here
    /// (another Route remains, or the Request-URI is not us): forwarded whatever its method (a proxy forwards methods
    /// it does not know, section 16.6), Max-Forwards checked (section 16.3 item 2). CANCEL is matched to the INVITE it
    /// cancels instead (section 16.10). Only the dialogs we record-routed: our Route must carry the dialog's mark, else
    /// 403 (section 16.4 would forward it; we are not an open relay). Null when the rules for requests to us apply (the
    /// requests of our own subscriptions, whose Request-URI is us).
    /// </summary>
    private static RouteDecision? InDialogLooseRoute(SipRequest request, RoutingContext context)
    {
        if (request.To?.Tag is null || request.Method == SipMethod.Cancel
            || Proxy.LooseRoute.RemainingRoutes(request, context.IsThisServer) is not { } remaining
            || (remaining.Count == 0 && context.IsThisServer(request.RequestUri)))
        {
            return null;
        }

        if (!context.RecordRoute.Signs(request, context.IsThisServer))
        {
            return new RouteDecision.UnsignedRoute();
        }

        if (request.MaxForwards == 0)
        {
            return request.Method == SipMethod.Ack ? new RouteDecision.Absorb() : new RouteDecision.Reply(483);
        }

        return new RouteDecision.LooseRoute(remaining);
    }

    // RFC 3261 section 10.3 steps 1-3: the Request-URI names our domain (no user part); the AOR is the To URI.
    private static RouteDecision RouteRegister(SipRequest request, RoutingContext context)
    {
        var to = request.To!.Uri;
        if (!to.IsSip || to.User is null)
        {
            return new RouteDecision.Reply(404, "Address-of-record is not a SIP URI with a user");
        }

        if (!context.IsOurs(to.Host))
        {
            return new RouteDecision.Reply(403, "Address-of-record not in a served domain");
        }

        var aor = to.ToAor().ToString();
        return context.IsKnownUser(aor) ? new RouteDecision.Registrar(aor) : new RouteDecision.Reply(404);
    }

    // RFC 3903 section 6: step 1, the presentity is ours; step 2, the event package is served (489 with Allow-Events,
    // RFC 6665 section 8.2.2); a body must be a presence document (415 with Accept, RFC 3261 section 21.4.13).
    private static RouteDecision RoutePublish(SipRequest request, RoutingContext context)
    {
        if (request.RequestUri.User is null)
        {
            return new RouteDecision.Reply(404, NoPresentity);
        }

        if (UnservedPackage(request, RoutingContext.PublishPackages) is { } refused)
        {
            return refused;
        }

        if (!request.Body.IsEmpty
            && !string.Equals(request.ContentType?.Essence, RoutingContext.PresenceDocumentType, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(request.ContentType?.Essence, RoutingContext.PartialPresenceDocumentType, StringComparison.OrdinalIgnoreCase))
        {
            // RFC 5264 section 5: an ESC that takes partial publications lists pidf-diff in the 415's Accept.
            return new RouteDecision.Reply(415, null, [HeaderField.Create(KnownHeader.Accept, RoutingContext.PublishTypes)]);
        }

        return UserOfOurs(request.RequestUri, context, NoPresentity, aor => new RouteDecision.Presentity(aor));
    }

    // RFC 6665 section 4.2.1, RFC 3856 section 6 and RFC 3857: the package must be presence or presence.winfo (489
    // with Allow-Events); a SUBSCRIBE carries a Contact (section 4.1.2.1, else 400); the watcher must accept the
    // package's format (PIDF, RFC 3856 section 6.6; watcherinfo, RFC 3857 section 5.5; else 406 with Accept); a To-tag
    // names the subscription (the entity answers 481 if it is not one of ours).
    private static RouteDecision RouteSubscribe(SipRequest request, RoutingContext context)
    {
        if (UnservedPackage(request, RoutingContext.EventPackages) is { } refused)
        {
            return refused;
        }

        var package = PackageOf(request);

        if (request.Contacts is not [{ Address: not null }, ..])
        {
            return new RouteDecision.Reply(400, "SUBSCRIBE without Contact");
        }

        if (request.From?.Tag is null)
        {
            return new RouteDecision.Reply(400, "From without tag");
        }

        if (request.To?.Tag is { } tag)
        {
            return new RouteDecision.InDialogSubscription(tag, package);
        }

        // RFC 5263 section 3: a presence watcher may accept only pidf-diff (partial notification).
        var eventPackage = Engine.Subscription.EventPackages.Get(package);
        var contentType = eventPackage.ContentType;
        var accept = request.Accept;
        if (accept.Count > 0 && !Accepts(accept, contentType) && (eventPackage.PartialContentType is not { } partial || !Accepts(accept, partial)))
        {
            return new RouteDecision.Reply(406, null, [HeaderField.Create(KnownHeader.Accept, contentType)]);
        }

        // Routed before the domain check that requests outside dialogs get in Route (a To-tag needs none).
        if (!context.IsOurs(request.RequestUri.Host))
        {
            return new RouteDecision.Reply(403, "Domain not served here");
        }

        return ListSubscription(request, context, package)
            ?? UserOfOurs(request.RequestUri, context, NoPresentity, aor => new RouteDecision.Subscription(aor, package));
    }

    /// <summary>The media types a list subscriber must accept (RFC 4662 section 4.1 and 5).</summary>
    private const string ListAccept = "multipart/related, application/rlmi+xml, " + RoutingContext.PresenceDocumentType;

    /// <summary>
    /// A SUBSCRIBE to a resource list (RFC 4662 section 4): a service URI of the replicated directory, or a served domain's
    /// URI for request-contained lists (RFC 5367). The subscriber must support the extension (421 with Require: eventlist,
    /// RFC 4662 section 4.1: a list is never taken for a presentity) and accept multipart/related with RLMI (406); a
    /// request-contained list must come as application/resource-lists+xml with Content-Disposition recipient-list
    /// (RFC 5367 section 4, 415). Null when the Request-URI is no list.
    /// </summary>
    private static RouteDecision? ListSubscription(SipRequest request, RoutingContext context, string package)
    {
        var uri = request.RequestUri;
        if (uri.User is null || !uri.IsSip)
        {
            return null;
        }

        var aor = SimpleActors.Xcap.Usages.UriCanonicalForm.Of(uri.ToAor().ToString());
        var owner = context.ListServiceOwner(aor);
        var creation = owner is null && context.ListCreationUser is { } user && string.Equals(uri.User, user, StringComparison.Ordinal)
            && context.Domains.Contains(uri.Host.ToLowerInvariant());
        if (owner is null && !creation)
        {
            return null;
        }

        if (!request.Supported.Contains(Engine.Subscription.NotifyRequest.EventList, StringComparer.OrdinalIgnoreCase))
        {
            return new RouteDecision.Reply(421, null, [HeaderField.Create(KnownHeader.Require, Engine.Subscription.NotifyRequest.EventList)]);
        }

        var accept = request.Accept;
        if (accept.Count > 0 && !(accept.Any(a => a.Matches("multipart", "related")) && accept.Any(a => a.Matches("application", "rlmi+xml"))))
        {
            return new RouteDecision.Reply(406, null, [HeaderField.Create(KnownHeader.Accept, ListAccept)]);
        }

        if (creation)
        {
            if (request.Body.IsEmpty)
            {
                return new RouteDecision.Reply(400, "No resource list in the body");
            }

            if (!string.Equals(request.ContentType?.Essence, ResourceListsType, StringComparison.OrdinalIgnoreCase))
            {
                return new RouteDecision.Reply(415, null, [HeaderField.Create(KnownHeader.Accept, ResourceListsType)]);
            }

            var disposition = request.Headers.GetFirstValue(KnownHeader.ContentDisposition);
            if (disposition is null || !disposition.Split(';')[0].Trim().Equals("recipient-list", StringComparison.OrdinalIgnoreCase))
            {
                return new RouteDecision.Reply(415, "Content-Disposition recipient-list required");
            }
        }

        return new RouteDecision.ListSubscription(aor, package, owner);
    }

    /// <summary>The body type of a request-contained list (RFC 5367 section 4, RFC 4826 section 3).</summary>
    private const string ResourceListsType = "application/resource-lists+xml";

    /// <summary>True when <paramref name="accept"/> lists <paramref name="contentType"/> (wildcards included).</summary>
    private static bool Accepts(IReadOnlyList<MediaType> accept, string contentType)
    {
        var slash = contentType.IndexOf('/', StringComparison.Ordinal);
        return accept.Any(a => a.Matches(contentType[..slash], contentType[(slash + 1)..]));
    }

    /// <summary>The served package the Event header names, in our spelling (checked by <see cref="UnservedPackage"/> first).</summary>
    private static string PackageOf(SipRequest request) =>
        RoutingContext.EventPackages.First(p => string.Equals(p, request.Event!.EventType, StringComparison.OrdinalIgnoreCase));

    private const string NoPresentity = "No presentity in the Request-URI";

    /// <summary>The Request-URI names a user of ours: the decision for its AOR; otherwise 404 (RFC 3261 section 8.2.2.1).</summary>
    private static RouteDecision UserOfOurs(SipUri uri, RoutingContext context, string noUser, Func<string, RouteDecision> known)
    {
        if (uri.User is null)
        {
            return new RouteDecision.Reply(404, noUser);
        }

        var aor = uri.ToAor().ToString();
        return context.IsKnownUser(aor) ? known(aor) : new RouteDecision.Reply(404);
    }

    /// <summary>489 with Allow-Events unless the Event header names one of <paramref name="served"/> (RFC 6665 section 8.2.2).</summary>
    private static RouteDecision.Reply? UnservedPackage(SipRequest request, IReadOnlyList<string> served) =>
        request.Event is { } package && served.Contains(package.EventType, StringComparer.OrdinalIgnoreCase)
            ? null
            : new RouteDecision.Reply(489, null, [HeaderField.Create(KnownHeader.AllowEvents, string.Join(", ", served))]);

    /// <summary>420 listing the Require option tags we do not support (RFC 3261 section 8.2.2.3); null when there are none.</summary>
    private static RouteDecision.Reply? Unsupported(SipRequest request)
    {
        var unsupported = request.Require.Where(tag => !RoutingContext.SupportedExtensions.Contains(tag, StringComparer.OrdinalIgnoreCase)).ToList();
        return unsupported.Count > 0
            ? new RouteDecision.Reply(420, null, [HeaderField.Create(KnownHeader.Unsupported, string.Join(", ", unsupported))])
            : null;
    }

    /// <summary>The Allow header field: the methods this server handles (RFC 3261 section 20.5).</summary>
    public static HeaderField Allow() => HeaderField.Create(KnownHeader.Allow, string.Join(", ", RoutingContext.AllowedMethods));
}
