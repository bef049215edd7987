using SimpleActors.Engine.Subscription;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using static SimpleActors.Engine.Tests.Entities.Samples;

namespace SimpleActors.Engine.Tests.Subscription;

/// <summary>A watcher's SUBSCRIBE dialog to <see cref="Aor"/> and a reader for the NOTIFYs the entity builds.</summary>
internal static class SubscriptionSamples
{
    /// <summary>Our To-tag: the subscription's id.</summary>
    public const string Id = "sub-7f3a";

    /// <summary>A watcher in the presentity's own domain.</summary>
    public const string Watcher = "sip:bob@example.com";

    /// <summary>A watcher in another domain.</summary>
    public const string ForeignWatcher = "sip:carol@example.net";

    public const string WatcherTag = "bob-tag-1";

    public const string CallId = "call-sub-1@192.0.2.20";

    public const string EventId = "ev-9";

    public const string RemoteTarget = "sip:bob@192.0.2.20:5062;transport=udp";

    public static readonly IReadOnlyList<string> RouteSet = ["<sip:p1.example.com;lr>", "<sip:p2.example.net:5070;lr>"];

    /// <summary>An initial SUBSCRIBE from <paramref name="watcher"/> with Expires <paramref name="expires"/>.</summary>
    public static Subscribe Initial(int? expires, uint cseq = 1, string watcher = Watcher, DateTimeOffset? at = null) =>
        new(Id, Aor, EventId, watcher, WatcherTag, CallId, cseq, RemoteTarget, RouteSet, UdpFlow, expires, true, "bob", at ?? Now);

    /// <summary>A SUBSCRIBE inside the dialog <see cref="Initial"/> created (a refresh, or Expires 0 to end it).</summary>
    public static Subscribe InDialog(int? expires, uint cseq, DateTimeOffset? at = null) =>
        Initial(expires, cseq, at: at) with { Initial = false };

    /// <summary>A PIDF document the presentity could send, told apart by <paramref name="note"/>.</summary>
    public static byte[] Document(string note) => System.Text.Encoding.UTF8.GetBytes($"""
        <?xml version="1.0" encoding="UTF-8"?>
        <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="{Aor}">
          <tuple id="t1">
            <status><basic>open</basic></status>
            <note>{note}</note>
          </tuple>
        </presence>
        """);

    /// <summary>
    /// The request the entity hands to the edge as the watcher's stack would see it: built and written once as the edge
    /// does (with a Via), then parsed.
    /// </summary>
    public static SipRequest Parse(SimpleActors.Sip.Dialogs.OutgoingRequest notify) => Parse(Bytes(notify));

    /// <summary>The request's bytes as the edge writes them, with a Via as the edge adds.</summary>
    public static byte[] Bytes(SimpleActors.Sip.Dialogs.OutgoingRequest notify)
    {
        var request = notify.ToSipRequest();
        request.Headers.Insert(0, HeaderField.Create(KnownHeader.Via, "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-test"));
        return SipMessageWriter.ToBytes(request);
    }

    public static SipRequest Parse(byte[] notify) =>
        Assert.IsType<SipRequest>(new SipParser().ParseDatagram(notify));
}
