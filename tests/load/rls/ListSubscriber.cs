using SimpleActors.Load.SipLoad;
using SimpleActors.Sip.Message;

namespace SimpleActors.Load.Rls;

/// <summary>
/// A subscriber to a request-contained list at the domain's RLS URI (RFC 5367 section 4, RFC 4662 section 4): the list
/// in the SUBSCRIBE's body, <c>Supported: eventlist</c>, multipart/related with RLMI accepted.
/// </summary>
internal abstract class ListSubscriber(UdpAgent agent, string callId, string from, IReadOnlyList<string> resources) : SipParty(agent, callId)
{
    public const string Rls = "sip:rls@example.com";
    private const string Headers =
        "Supported: eventlist\r\nAccept: multipart/related, application/rlmi+xml, application/pidf+xml\r\n" +
        "Require: recipient-list-subscribe\r\nContent-Disposition: recipient-list\r\n";

    private readonly string list = PresenceText.ResourceListBody(resources);

    public int Size => resources.Count;

    /// <summary>Whether a NOTIFY ended the subscription (Subscription-State: terminated).</summary>
    public bool Terminated { get; private set; }

    /// <summary>The initial SUBSCRIBE (with the list), or in the dialog a refresh or, with 0, the end of it.</summary>
    public Task<SipResponse?> SubscribeAsync(int expires) =>
        RequestAsync(line => PresenceText.Subscribe(line, Rls, from, RemoteTag, expires, Headers, "application/resource-lists+xml", list));

    protected sealed override void OnNotify(SipRequest notify, int datagramBytes, long at)
    {
        if (notify.Headers.GetFirstValue(KnownHeader.SubscriptionState) is { } state && state.StartsWith("terminated", StringComparison.OrdinalIgnoreCase))
        {
            Terminated = true;
        }

        OnListNotify(notify, datagramBytes, at);
    }

    protected abstract void OnListNotify(SipRequest notify, int datagramBytes, long at);
}
