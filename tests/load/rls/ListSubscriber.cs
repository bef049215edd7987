using SimpleActors.Load.SipLoad;
using SimpleActors.Sip.Message;

namespace SimpleActors.Load.Rls;

/// <summary>
/// A subscriber to a resource list (RFC 4662), <c>Supported: eventlist</c>, multipart/related with RLMI accepted: by
/// default a request-contained list at the domain's RLS URI (RFC 5367 section 4, the list in the SUBSCRIBE's body); in
/// service mode a SUBSCRIBE without body to its own service URI <c>sip:&lt;user&gt;-list@&lt;domain&gt;</c>, a service of
/// the subscriber's rls-services document (RFC 4826 section 4) that the runner installs beforehand (Kamailio's rls serves
/// only these).
/// </summary>
internal abstract class ListSubscriber(UdpAgent agent, string callId, string from, IReadOnlyList<string> resources, bool service)
    : SipParty(agent, callId)
{
    public const string Rls = "sip:rls@example.com";
    private const string Headers = "Supported: eventlist\r\nAccept: multipart/related, application/rlmi+xml, application/pidf+xml\r\n";
    private const string RecipientList = "Require: recipient-list-subscribe\r\nContent-Disposition: recipient-list\r\n";

    private readonly string? list = service ? null : PresenceText.ResourceListBody(resources);

    public int Size => resources.Count;

    /// <summary>The subscriber's address of record (the From URI).</summary>
    public string From => from;

    /// <summary>The list's resources' URIs.</summary>
    public IReadOnlyList<string> ResourceUris => resources;

    /// <summary>The Request-URI and To of the SUBSCRIBE: the RLS URI, or in service mode the subscriber's own service URI.</summary>
    public string Target { get; } = service ? ServiceUri(from) : Rls;

    /// <summary>Whether a NOTIFY ended the subscription (Subscription-State: terminated).</summary>
    public bool Terminated { get; private set; }

    /// <summary>The service URI of a subscriber's list: <c>sip:alice@example.com</c> has <c>sip:alice-list@example.com</c>.</summary>
    public static string ServiceUri(string from)
    {
        ArgumentNullException.ThrowIfNull(from);
        var at = from.IndexOf('@', StringComparison.Ordinal);
        return from[..at] + "-list" + from[at..];
    }

    /// <summary>The initial SUBSCRIBE (with the list, unless in service mode), or in the dialog a refresh or, with 0, the end of it.</summary>
    public Task<SipResponse?> SubscribeAsync(int expires) =>
        RequestAsync(line => list is null
            ? PresenceText.Subscribe(line, Target, from, RemoteTag, expires, Headers)
            : PresenceText.Subscribe(line, Target, from, RemoteTag, expires, Headers + RecipientList, "application/resource-lists+xml", list));

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
