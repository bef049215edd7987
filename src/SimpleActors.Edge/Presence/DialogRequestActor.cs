using System.Globalization;
using Akka.Actor;
using Akka.Event;
using SimpleActors.Edge.Proxy;
using SimpleActors.Edge.Transactions;
using SimpleActors.Engine.Dialogs;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transactions;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Presence;

/// <summary>
/// The node's sender of requests that entities originate inside a dialog (<see cref="DialogRequests"/>): builds the
/// request from its data once (never parsing it: our own requests are not held to the limits of what we receive), adds
/// our Via and Contact, sends the request in a client transaction (to the first Route when the dialog has a route set, RFC 3261
/// section 12.2.1.1 with loose routing; else back over the dialog's flow, which another node may own) and answers the
/// entity with the final status.
/// </summary>
public sealed class DialogRequestActor : ReceiveActor
{
    public DialogRequestActor(TransactionLayer transactions, Func<SipTransport, ViaHeader> ourVia)
    {
        var log = Context.GetLogger();
        Receive<SendDialogRequest>(send =>
        {
            var replyTo = Sender;
            SipRequest request;
            SipDestination destination;
            try
            {
                request = send.Request.ToSipRequest();
                destination = DestinationOf(request, send.Flow);
                var via = ourVia(destination.Transport);
                request.Headers.Insert(0, HeaderField.Create(KnownHeader.Via, via.WithBranch(BranchId.New()).ToString()));
                if (!request.Headers.Contains(KnownHeader.Contact))
                {
                    request.Headers.Add(KnownHeader.Contact, ContactOf(via));
                }
            }
            catch (Exception e) when (e is SipParseException or ArgumentException)
            {
                log.Error(e, "An entity's dialog request could not be sent");
                replyTo.Tell(new DialogRequestOutcome(send.Correlation, 500, e.Message));
                return;
            }

            transactions.SendRequestAsync(request, destination).PipeTo(
                replyTo,
                success: response => new DialogRequestOutcome(send.Correlation, response.StatusCode, response.ReasonPhrase),
                failure: error => new DialogRequestOutcome(send.Correlation, 503, error.Message));
        });
    }

    public static Props Props(TransactionLayer transactions, Func<SipTransport, ViaHeader> ourVia) =>
        Akka.Actor.Props.Create<DialogRequestActor>(transactions, ourVia);

    /// <summary>The first Route's address (a proxy that Record-Routed), else back over the dialog's flow.</summary>
    public static SipDestination DestinationOf(SipRequest request, SipFlow flow)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Routes is [var first, ..] && ForwardedRequest.AddressOf(first.Uri) is { } next ? next : SipDestination.Back(flow);
    }

    /// <summary>Our Contact for a request sent with <paramref name="via"/> (RFC 6665 section 4.2.2: NOTIFY carries a Contact).</summary>
    public static string ContactOf(ViaHeader via)
    {
        ArgumentNullException.ThrowIfNull(via);
        var port = via.Port is { } p ? ":" + p.ToString(CultureInfo.InvariantCulture) : string.Empty;
        return $"<sip:{via.Host}{port};transport={via.Transport.ToLowerInvariant()}>";
    }
}
