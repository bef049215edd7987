using Akka.Actor;
using Microsoft.Extensions.Logging;
using SimpleActors.Edge.Routing;
using SimpleActors.Edge.Transactions;
using SimpleActors.Engine.Registration;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Proxy;

/// <summary>
/// The proxy routes (RFC 3261 section 16): INVITE to a user of ours, requests inside the dialogs we record-routed, and
/// CANCEL. Where a request goes is decided here (authentication, the location service); the forwarding itself is
/// <see cref="StatefulProxy"/>'s.
/// </summary>
public sealed partial class ProxyHandler(
    TransactionLayer transactions,
    RoutingContext routing,
    SenderAuthentication senders,
    IActorRef registrations,
    Func<SipTransport, ViaHeader> ourVia,
    EntityAsk asks,
    TimeProvider time,
    ILogger logger)
{
    private StatefulProxy? proxy;

    private StatefulProxy Proxy => LazyInitializer.EnsureInitialized(ref proxy, () => new StatefulProxy(transactions, ourVia, routing.RecordRoute, time, logger));

    /// <summary>
    /// RFC 3261 section 16.5: the targets of an INVITE for a user of ours are its registered contacts; a caller of ours
    /// authenticates first (section 22.3, 407, as for MESSAGE). A user with no contact gets 480 (section 21.4.18: the
    /// user exists but is not logged in; 404, section 21.4.4, is for a user that does not exist, decided by the router).
    /// </summary>
    public async Task HandleAsync(SipRequest request, SipFlow flow, RouteDecision.Proxy invite)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(invite);
        if (!(await senders.CheckAsync(request, time.GetUtcNow()).ConfigureAwait(false)).Passed)
        {
            return;
        }

        var current = await asks.AskAsync<CurrentBindings>(registrations, new GetBindings(invite.Aor)).ConfigureAwait(false);
        var targets = current.Bindings
            .Select(b => ForwardedRequest.DestinationFor(b) is { } destination ? new ProxyTarget(b.Uri, b.Path, destination) : null)
            .OfType<ProxyTarget>()
            .ToList();
        if (targets.Count == 0)
        {
            await transactions.RespondAsync(request, SipResponse.CreateFor(request, 480, "No registered contact", TransactionUser.NewTag()))
                .ConfigureAwait(false);
            return;
        }

        await Proxy.ForkAsync(request, flow.Transport, targets, recordRoute: true).ConfigureAwait(false);
    }

    /// <summary>
    /// RFC 3261 section 16.4: a request of a dialog we record-routed goes on to the next Route, else to its Request-URI,
    /// over the flow the target registered from when it is the contact of one of our users (its connection, its NAT
    /// binding), else to the address the URI names. No usable address: 404 (an ACK is dropped).
    /// </summary>
    public async Task HandleAsync(SipRequest request, SipFlow flow, RouteDecision.LooseRoute loose)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(loose);
        var routes = loose.Routes;
        var next = LooseRoute.NextHop(request, routes);
        var destination = (routes.Count == 0 ? await ContactFlowAsync(request, next).ConfigureAwait(false) : null)
                          ?? ForwardedRequest.AddressOf(next);
        if (destination is null)
        {
            if (request.Method != SipMethod.Ack)
            {
                await transactions.RespondAsync(request, SipResponse.CreateFor(request, 404, "Next hop is not an address", TransactionUser.NewTag()))
                    .ConfigureAwait(false);
            }

            return;
        }

        await Proxy.ForwardAsync(request, flow.Transport, new ProxyTarget(request.RequestUriText, routes, destination)).ConfigureAwait(false);
    }

    /// <summary>
    /// A request whose Route names us without the mark of a dialog we record-routed (<see cref="RecordRouteSignature"/>):
    /// 403 (RFC 3261 section 21.4.3: we will not forward it, whoever asks), an ACK dropped (it has no response); logged,
    /// since it is someone trying to use us as a relay or a client that lost its route set.
    /// </summary>
    public async Task HandleAsync(SipRequest request, SipFlow flow, RouteDecision.UnsignedRoute refused)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(refused);
        LogUnsignedRoute(request.Method, request.CallId, flow);
        if (request.Method != SipMethod.Ack)
        {
            await transactions.RespondAsync(request, SipResponse.CreateFor(request, 403, "Not a dialog routed here", TransactionUser.NewTag()))
                .ConfigureAwait(false);
        }
    }

    /// <summary>A CANCEL (RFC 3261 section 16.10): 200, and the INVITE it names is cancelled on every branch.</summary>
    public Task HandleAsync(SipRequest request, RouteDecision.Cancel cancel) => Proxy.CancelAsync(request);

    /// <summary>Where to reach <paramref name="contact"/> when it is a registered contact of the To user (the remote party of an in-dialog request).</summary>
    private async Task<SipDestination?> ContactFlowAsync(SipRequest request, SipUri contact)
    {
        var to = request.To!.Uri;
        if (!to.IsSip || to.User is null || !routing.IsOurs(to.Host) || !routing.IsKnownUser(to.ToAor().ToString()))
        {
            return null;
        }

        var current = await asks.AskAsync<CurrentBindings>(registrations, new GetBindings(to.ToAor().ToString())).ConfigureAwait(false);
        var binding = current.Bindings.FirstOrDefault(b => SipUri.TryParse(b.Uri, out var uri)
            && string.Equals(uri.Host, contact.Host, StringComparison.OrdinalIgnoreCase) && uri.Port == contact.Port && uri.User == contact.User);
        return binding is null ? null : ForwardedRequest.DestinationFor(binding);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {CallId} from {Flow}: its Route names us without the mark of a dialog we record-routed")]
    private partial void LogUnsignedRoute(string method, string? callId, SipFlow flow);
}
