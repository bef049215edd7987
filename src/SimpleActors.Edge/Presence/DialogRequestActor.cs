using System.Globalization;
using Akka.Actor;
using Akka.Event;
using SimpleActors.Edge.Proxy;
using SimpleActors.Edge.Transactions;
using SimpleActors.Engine.Dialogs;
using SimpleActors.Engine.Rls;
using SimpleActors.Sip.Dialogs;
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
    // How long a request waits for the answers pending in its dialog at most (they wait for an entity, EntityAsk).
    private static readonly TimeSpan MaxWaitForAnswers = TimeSpan.FromSeconds(30);

    public DialogRequestActor(
        TransactionLayer transactions, Func<SipTransport, ViaHeader> ourVia, PendingAnswers? answers = null, BackendRequests.Resolve? resolve = null)
    {
        var log = Context.GetLogger();
        Receive<SendDialogRequest>(send =>
        {
            var answered = answers?.WhenAnswered(send.Request.CallId) ?? Task.CompletedTask;
            if (answered.IsCompleted)
            {
                Send(send, Sender);
                return;
            }

            // The 2xx to the request that caused this one has not left yet: this one goes after it (PendingAnswers).
            var self = Self;
            var replyTo = Sender;
            answered.WaitAsync(MaxWaitForAnswers).ContinueWith(
                _ => self.Tell(new AnswersLeft(send), replyTo), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        });
        Receive<AnswersLeft>(left => Send(left.Request, Sender));

        // A back-end SUBSCRIBE of a list subscription (RFC 4662 section 4.2), to another domain.
        Receive<SendBackendRequest>(send => BackendRequests.SendAsync(send, transactions, ourVia, resolve ?? BackendRequests.Dns).PipeTo(Sender));

        void Send(SendDialogRequest send, IActorRef replyTo)
        {
            SipRequest request;
            SipDestination destination;
            try
            {
                (request, destination) = Prepare(send.Request, send.Flow, ourVia);
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
        }
    }

    public static Props Props(
        TransactionLayer transactions, Func<SipTransport, ViaHeader> ourVia, PendingAnswers? answers = null, BackendRequests.Resolve? resolve = null) =>
        Akka.Actor.Props.Create(() => new DialogRequestActor(transactions, ourVia, answers, resolve));

    /// <summary>
    /// <paramref name="outgoing"/> as the request we send (built once, never parsed), with our Via (a new branch) for the
    /// transport it goes over, our Contact unless <paramref name="withContact"/> is false or it has one, and where it goes.
    /// </summary>
    public static (SipRequest Request, SipDestination Destination) Prepare(
        OutgoingRequest outgoing, SipFlow flow, Func<SipTransport, ViaHeader> ourVia, bool withContact = true)
    {
        ArgumentNullException.ThrowIfNull(outgoing);
        ArgumentNullException.ThrowIfNull(ourVia);
        var request = outgoing.ToSipRequest();
        var destination = DestinationOf(request, flow);
        return (Stamp(request, destination.Transport, ourVia, withContact), destination);
    }

    /// <summary><paramref name="request"/> with our Via (a new branch) for <paramref name="transport"/> and, unless it has one or <paramref name="withContact"/> is false, our Contact.</summary>
    public static SipRequest Stamp(SipRequest request, SipTransport transport, Func<SipTransport, ViaHeader> ourVia, bool withContact)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ourVia);
        var via = ourVia(transport);
        request.Headers.Insert(0, HeaderField.Create(KnownHeader.Via, via.WithBranch(BranchId.New()).ToString()));
        if (withContact && !request.Headers.Contains(KnownHeader.Contact))
        {
            request.Headers.Add(KnownHeader.Contact, ContactOf(via));
        }

        return request;
    }

    /// <summary>The first Route's address (a proxy that Record-Routed), else back over the dialog's flow.</summary>
    public static SipDestination DestinationOf(SipRequest request, SipFlow flow)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Routes is [var first, ..] && ForwardedRequest.AddressOf(first.Uri) is { } next ? next : SipDestination.Back(flow);
    }

    /// <summary>A request that waited for the answers pending in its dialog (<see cref="PendingAnswers"/>).</summary>
    private sealed record AnswersLeft(SendDialogRequest Request);

    /// <summary>Our Contact for a request sent with <paramref name="via"/> (RFC 6665 section 4.2.2: NOTIFY carries a Contact).</summary>
    public static string ContactOf(ViaHeader via)
    {
        ArgumentNullException.ThrowIfNull(via);
        var port = via.Port is { } p ? ":" + p.ToString(CultureInfo.InvariantCulture) : string.Empty;
        return $"<sip:{via.Host}{port};transport={via.Transport.ToLowerInvariant()}>";
    }
}
