namespace SimpleActors.Engine.Dialogs;

/// <summary>
/// Where entities send the requests they originate inside a dialog (a Subscription's NOTIFY): the edge actor of the
/// entity's own node, <c>/user/sip-edge-requests</c>. It adds its Via, sends the request in a client transaction
/// over the dialog's flow (relayed to the node that owns the flow, RFC 5626) and answers with the final status.
/// Entities never touch sockets (DESIGN.md).
/// </summary>
public static class DialogRequests
{
    public const string ActorName = "sip-edge-requests";

    public const string ActorPath = "/user/" + ActorName;
}

/// <summary>
/// A request to send, as data (<see cref="Sip.Dialogs.OutgoingRequest"/>, made by <see cref="Sip.Dialogs.Dialog.MakeRequest"/>):
/// the edge adds its Via, Max-Forwards and Contact, and sends it over <paramref name="Flow"/>, or to the first route when
/// the dialog has a route set. <paramref name="Correlation"/> comes back in the outcome.
/// </summary>
public sealed record SendDialogRequest(Sip.Dialogs.OutgoingRequest Request, Sip.Transport.SipFlow Flow, long Correlation)
    : Serialization.IEngineSerializable;

/// <summary>
/// The final status of a <see cref="SendDialogRequest"/>: the response's status, 408 when the transaction timed out
/// (Timer F, RFC 3261 section 17.1.2.2), 503 when the transport failed (section 8.1.3.1).
/// </summary>
public sealed record DialogRequestOutcome(long Correlation, int StatusCode, string? Reason) : Serialization.IEngineSerializable
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
