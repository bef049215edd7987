using SimpleActors.Sip.Dialogs;
using System.Collections.Immutable;
using SimpleActors.Engine.Entities;
using SimpleActors.Engine.Mailbox;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Registration;
using SimpleActors.Engine.Relay;
using SimpleActors.Engine.Subscription;
using SimpleActors.Engine.Xcap;
using SimpleActors.Engine.Dialogs;
using static SimpleActors.Engine.Tests.Entities.Samples;

namespace SimpleActors.Engine.Tests.Serialization;

/// <summary>Sample values of every type the project serializer writes, with optional fields both set and absent.</summary>
internal static class SerializerSamples
{
    private static readonly Binding Full = new(
        "sip:alice@192.0.2.10:5062;transport=tcp", Now.AddSeconds(3600), 0.75m, "<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>", 1,
        ["<sip:edge1.example.com;lr>", "<sip:edge2.example.com;lr>"], TcpFlow, "call-1@host", 7, Now);

    private static readonly Binding Bare = new("sip:alice@198.51.100.1", Now.AddSeconds(60), null, null, null, [], UdpFlow, "c2", 1, Now.AddSeconds(-5));

    private static readonly StoredMessage Message = new(
        "m-1", "sip:bob@example.com", Aor, "text/plain;charset=UTF-8", [0x68, 0x69, 0x00, 0xff], "call-9", 3, "bob", Now, Now.AddDays(7));

    private static readonly Publication Published = new(
        "etag-1", "application/pidf+xml", [0x3c, 0x70, 0x3e, 0x00, 0xff], Now, Now.AddSeconds(3600), "call-p", 5, "alice");

    private static readonly Publication BarePublished = new("etag-2", "application/pidf+xml", [], Now.AddSeconds(-1), Now.AddSeconds(60), "call-q", 1, null);

    private static readonly StoredMessage BareMessage = new("m-2", "sip:carol@example.com", Aor, null, [], "call-10", 1, null, Now, Now.AddHours(1));

    public static IEnumerable<object> All()
    {
        yield return new Register(
            Aor, "call-1@host", 7,
            [new RequestedContact("sip:alice@192.0.2.10", 3600, 0.5m, "<urn:uuid:x>", 2), new RequestedContact("sip:alice@198.51.100.1", null, null, null, null)],
            false, 600, ["<sip:edge1.example.com;lr>"], TcpFlow, "alice", Now);
        yield return new Register(Aor, "c", 1, [], true, null, [], UdpFlow, null, Now);
        yield return new GetBindings(Aor);
        yield return new RegisterResult(200, null, [Full, Bare], null, Now, 1);
        yield return new RelaySipMessage([0x4d, 0x45, 0x53, 0x53], Sip.Transport.SipTransport.Tcp, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 5070), TcpFlow);
        yield return new RelayResult(true, null);
        yield return new RelayResult(false, "connection gone");
        yield return new RelaySipResponse([0x53, 0x49, 0x50]);
        yield return new RegisterResult(423, "Interval Too Brief", [], 60, Now);
        yield return new CurrentBindings(Aor, [Full, Bare]);
        yield return new BindingAdded(Aor, Full, "alice", Now);
        yield return new BindingAdded(Aor, Bare, null, Now);
        yield return new BindingRefreshed(Aor, "sip:alice@192.0.2.10:5062;TRANSPORT=TCP", Full, "alice", Now);
        yield return new BindingRemoved(Aor, Full.Uri, BindingRemovalReason.Replaced, "call-2", 1, "alice", Now);
        yield return new BindingRemoved(Aor, Bare.Uri, BindingRemovalReason.Expired, null, null, null, Now);
        yield return new RegistrationState(Aor, [Full, Bare]);
        yield return new ShardMembersChanged([Aor, "sip:bob@example.com"], ["sip:carol@example.com"]);
        yield return new ShardMembersChanged([], []);
        yield return new ShardMembers([Aor, "sip:bob@example.com"]);
        yield return new ShardMembers([]);
        yield return new StoreMessage(Aor, "m-1", "sip:bob@example.com", Aor, "text/plain", [1, 2, 3], "call-9", 3, "bob", Now, Now.AddDays(7));
        yield return new StoreMessage(Aor, "m-2", "sip:bob@example.com", Aor, null, [], "call-9", 4, null, Now, Now.AddDays(7));
        yield return new GetPendingMessages(Aor);
        yield return new AcknowledgeDelivery(Aor, "m-1", Now);
        yield return new MessageStored(Aor, "m-1");
        yield return new PendingMessages(Aor, [Message, BareMessage]);
        yield return new DeliveryAcknowledged(Aor, "m-1");
        yield return new MessageQueued(Aor, Message, Now);
        yield return new MessageDelivered(Aor, "m-1", Now);
        yield return new MessageExpired(Aor, "m-2", Now);
        yield return new MailboxState(Aor, ImmutableList.Create(Message, BareMessage));
        yield return new Publish(Aor, "etag-1", 600, "application/pidf+xml", [1, 2], "etag-3", "call-p", 6, "alice", Now);
        yield return new Publish(Aor, null, null, null, null, "etag-4", "call-p", 7, null, Now);
        yield return new PublishResult(200, null, "etag-3", 600, null);
        yield return new PublishResult(423, "Interval Too Brief", null, 0, 60);
        yield return new PublishResult(400, "'sel' matches no node", null, 0, null) { PatchError = [0x3c, 0x2f, 0x3e] };
        yield return new PublicationModified(Aor, "etag-5", BarePublished with { Version = 568 }, Now);
        yield return new PublicationAdded(Aor, Published, Now);
        yield return new PublicationRefreshed(Aor, "etag-1", "etag-5", Now.AddSeconds(600), "call-p", 8, "alice", Now);
        yield return new PublicationRefreshed(Aor, "etag-1", "etag-6", Now.AddSeconds(600), "call-p", 9, null, Now);
        yield return new PublicationModified(Aor, "etag-5", BarePublished, Now);
        yield return new PublicationRemoved(Aor, "etag-5", PublicationRemovalReason.Removed, "call-p", 10, "alice", Now);
        yield return new PublicationRemoved(Aor, "etag-2", PublicationRemovalReason.Expired, null, null, null, Now);
        yield return new PresentityState(Aor, ImmutableList.Create(Published, BarePublished), 7, Watchers(new WatcherEntry("sub-1", "sip:bob@example.com")), ImmutableSortedDictionary<string, AuthorizationDecision>.Empty) { ChangedAt = Now };
        yield return PresentityState.Empty(Aor);
        yield return new Watch(Aor, "sub-1", "sip:bob@example.com", Now);
        yield return new Unwatch(Aor, "sub-1", "timeout", Now);
        yield return new WatcherAdded(Aor, "sub-1", "sip:bob@example.com", Now);
        yield return new WatcherRemoved(Aor, "sub-1", "notify-481", Now);
        yield return new Watch(Aor, "sub-2", Aor, Now, EventPackages.WatcherInfo, SubscriptionStatus.Active, Now.AddSeconds(600));
        yield return new WatcherAdded(Aor, "sub-3", "sip:carol@example.com", Now, EventPackages.Presence, SubscriptionStatus.Pending, Now.AddSeconds(3600));
        yield return new Watch(Aor, "sub-4", "sip:bob@example.com", Now, Request: new Engine.Entities.RequestRef("call-s", 1, "bob"));
        yield return new WatcherAdded(Aor, "sub-4", "sip:bob@example.com", Now, Request: new Engine.Entities.RequestRef("call-s", 1, null));
        yield return new Unwatch(Aor, "sub-4", "timeout", Now, new Engine.Entities.RequestRef("call-s", 7, "bob"));
        yield return new WatcherRemoved(Aor, "sub-4", "timeout", Now, new Engine.Entities.RequestRef("call-s", 7, "bob"));
        yield return new WakeAt(Aor, "sub-3", Now.AddSeconds(1800));
        yield return new WakeSubscription("sub-3");
        yield return new PresentityState(
            Aor, [], 1,
            Watchers(new WatcherEntry("sub-3", "sip:carol@example.com", EventPackages.Presence, SubscriptionStatus.Pending, Now, Now.AddSeconds(60)), new WatcherEntry("sub-2", Aor, EventPackages.WatcherInfo, SubscriptionStatus.Active, Now)),
            ImmutableSortedDictionary<string, AuthorizationDecision>.Empty.WithComparers(StringComparer.Ordinal));
        yield return new WatcherInfoSnapshot("sub-2", Aor, [new WatcherState("sub-3", "sip:carol@example.com", SimpleActors.Presence.WatcherStatus.Pending, SimpleActors.Presence.WatcherEvent.Subscribed, Now)]);
        yield return new WatcherInfoSnapshot("sub-2", Aor, []);
        yield return new WatchersChanged("sub-2", Aor, [new WatcherState("sub-3", "sip:carol@example.com", SimpleActors.Presence.WatcherStatus.Terminated, SimpleActors.Presence.WatcherEvent.Giveup, Now)]);
        yield return new Subscribe("sub-2", Aor, null, Aor, "at", "call-w", 1, "sip:alice@192.0.2.10", [], UdpFlow, 600, true, "alice", Now, EventPackages.WatcherInfo);
        yield return new SubscriptionCreated("sub-2", Aor, null, Aor, "at", "call-w", 1, "sip:alice@192.0.2.10", [], UdpFlow, Now, SubscriptionStatus.Active, "alice", Now, EventPackages.WatcherInfo);
        yield return new SubscriptionCreated("sub-4", Aor, null, "sip:bob@example.com", "bt", "call-4", 1, "sip:bob@192.0.2.20", [], UdpFlow, Now, SubscriptionStatus.Active, null, Now, EventPackages.Presence, 32);
        yield return new SubscriptionState("sub-2", new Dialog("call-w", Aor, "sub-2", Aor, "at", "sip:alice@192.0.2.10", [], 3, 1, false, UdpFlow), null, Now, SubscriptionStatus.Active, 3, null, false, EventPackages.WatcherInfo);
        yield return new SubscriptionState("sub-4", new Dialog("call-4", Aor, "sub-4", "sip:bob@example.com", "bt", "sip:bob@192.0.2.20", [], 3, 1, false, UdpFlow), null, Now, SubscriptionStatus.Active, 2, null, false, EventPackages.Presence, 32);
        yield return new PresenceDocument(Aor, 3, [0x3c, 0x2f, 0x3e]);
        yield return new PresenceDocument(Aor, 3, [0x3c, 0x2f, 0x3e], Digest: "ba7816bf8f01cfea");
        yield return new PresenceDocument(Aor, 3, [0x3c, 0x2f, 0x3e], Digest: "ba7816bf8f01cfea", SubscriptionId: "sub-1");
        yield return new Subscribe("sub-1", Aor, "7", "sip:bob@example.com", "bt", "call-s", 1, "sip:bob@192.0.2.20:5060", ["<sip:p1.example.com;lr>"], UdpFlow, 600, true, "bob", Now);
        yield return new Subscribe("sub-1", string.Empty, null, "sip:bob@example.com", "bt", "call-s", 2, "sip:bob@192.0.2.20:5060", [], TcpFlow, null, false, null, Now);
        yield return new SubscribeResult(200, null, 600, null);
        yield return new SubscribeResult(423, "Interval Too Brief", 0, 60);
        yield return new PresenceChanged("sub-1", Aor, 4, [1, 2, 3]);
        yield return new PresenceChanged("sub-1", Aor, 5, [1, 2, 3], "ba7816bf8f01cfea");
        yield return new SubscriptionCreated("sub-1", Aor, "7", "sip:bob@example.com", "bt", "call-s", 1, "sip:bob@192.0.2.20:5060", ["<sip:p1.example.com;lr>"], UdpFlow, Now.AddSeconds(600), SubscriptionStatus.Pending, "bob", Now);
        yield return new SubscriptionCreated("sub-2", Aor, null, "sip:bob@example.com", "bt", "call-s", 1, "sip:bob@192.0.2.20:5060", [], TcpFlow, Now, SubscriptionStatus.Active, null, Now);
        yield return new SubscriptionCreated("sub-5", Aor, null, "sip:bob@example.com", "bt", "call-5", 1, "sip:bob@192.0.2.20", [], UdpFlow, Now, SubscriptionStatus.Active, null, Now, EventPackages.Presence, 32, Partial: true);
        yield return new Subscribe("sub-5", Aor, null, "sip:bob@example.com", "bt", "call-5", 1, "sip:bob@192.0.2.20", [], UdpFlow, 600, true, "bob", Now) { Partial = true };
        yield return new SubscriptionState("sub-5", new Dialog("call-5", Aor, "sub-5", "sip:bob@example.com", "bt", "sip:bob@192.0.2.20", [], 3, 1, false, UdpFlow), null, Now, SubscriptionStatus.Active, 2, null, false, EventPackages.Presence, 32) { Partial = true };
        yield return new SubscriptionRefreshed("sub-1", 2, Now.AddSeconds(300), TcpFlow, "bob", Now);
        yield return new SubscriptionRefreshed("sub-1", 3, Now, UdpFlow, null, Now);
        yield return new SubscriptionRefreshed("sub-1", 4, Now, UdpFlow, null, Now, "sip:bob@192.0.2.30:5070");
        yield return new NotifyIssued("sub-1", 5, 4, SubscriptionStatus.Active, Now);
        yield return new NotifyIssued("sub-1", 33, 7, SubscriptionStatus.Active, Now, 64);
        yield return new NotifyIssued("sub-1", 34, 8, SubscriptionStatus.Active, Now, BodyDigest: "ba7816bf8f01cfea");
        yield return new NotifyCSeqsReleased("sub-1", 40, 9, Now);
        yield return new SubscriptionTerminated("sub-1", "timeout", true, Now);
        yield return new OwnerDocumentChanged(Aor, "pres-rules/users/sip:alice@example.com/index", "pres-rules", "e1", [0x3c, 0x61, 0x2f, 0x3e], Now);
        yield return new OwnerDocumentChanged(Aor, "pres-rules/users/sip:alice@example.com/index", "pres-rules", null, null, Now);
        yield return new OwnerDocumentSet(Aor, "pidf-manipulation/users/sip:alice@example.com/index", "pidf-manipulation", "e2", [0x3c], Now);
        yield return new OwnerDocumentTaken(Aor, "pres-rules/users/sip:alice@example.com/index", "e1");
        yield return new OwnerDocumentTaken(Aor, "pres-rules/users/sip:alice@example.com/index", null);
        yield return new OwnerDocumentTaken(Aor, "resource-lists/users/sip:alice@example.com/index", "e4", WantsPatches: true);
        yield return new WatcherStatusesChanged(Aor, new Dictionary<string, SubscriptionStatus> { ["sub-1"] = SubscriptionStatus.Pending }, Now);
        yield return new PresentityState(Aor, [], 3, [], ImmutableSortedDictionary<string, AuthorizationDecision>.Empty)
        {
            ChangedAt = Now,
            OwnerDocuments = ImmutableSortedDictionary.CreateRange(
                StringComparer.Ordinal, [KeyValuePair.Create("pres-rules/users/sip:alice@example.com/index", new OwnerDocument("pres-rules", "e1", [0x3c]))]),
        };
        yield return new XcapDocumentRequest("resource-lists/users/sip:alice@example.com/index", "PUT", "/xcap-root/resource-lists/users/sip:alice@example.com/index", "application/resource-lists+xml", [0x3c], "\"e1\"", null, Aor, "http://127.0.0.1:8088/xcap-root");
        yield return new XcapDocumentRequest("xcap-caps/global/index", "GET", "/xcap-root/xcap-caps/global/index", null, [], null, "*", Aor, "http://127.0.0.1:8088/xcap-root");
        yield return new XcapDocumentAnswer(201, null, [], "e2", null);
        yield return new XcapDocumentAnswer(405, "text/plain", [0x6e], null, "GET");
        yield return new XcapDocumentEdited("resource-lists/users/sip:alice@example.com/index", "PUT", "/xcap-root/x", "application/xcap-el+xml", [0x3c], [0x3c, 0x3e], "e3", Aor, Now);
        yield return new XcapDocumentEdited("resource-lists/users/sip:alice@example.com/index", "DELETE", "/xcap-root/x", null, [], null, null, Aor, Now);
        yield return new XcapDocumentState("resource-lists/users/sip:alice@example.com/index", [0x3c], "e3", 4);
        yield return XcapDocumentState.Empty("resource-lists/users/sip:alice@example.com/index");
        yield return new XcapDocumentsSnapshot("sub-9", Aor, [new XcapDocumentVersion("resource-lists/users/sip:alice@example.com/index", null, "e1", [])]);
        yield return new XcapDocumentsChanged("sub-9", Aor, [new XcapDocumentVersion("resource-lists/users/sip:alice@example.com/index", "e1", "e2", ["<add sel=\"x\"/>"]), new XcapDocumentVersion("pres-rules/users/sip:alice@example.com/index", "e3", null, [])]);
        yield return new GetOwnerDocuments(Aor);
        yield return new ClaimRlsServices(RlsServicesIndex.Selector, "rls-services/users/sip:alice@example.com/index", ["sip:friends@example.com"]);
        yield return new RlsServicesClaimed("rls-services/users/sip:alice@example.com/index", ["sip:friends@example.com", "sip:work@example.com"], Now);
        yield return new RlsServicesClaim("rls-services/users/sip:bob@example.com/index", [new RlsServiceConflict("sip:friends@example.com", "sip:friends-2@example.com"), new RlsServiceConflict("tel:1", null)]);
        yield return new RlsServicesClaim("rls-services/users/sip:bob@example.com/index", []);
        yield return RlsServicesIndexState.Empty.Apply(new RlsServicesClaimed("rls-services/users/sip:alice@example.com/index", ["sip:friends@example.com"], Now));
        yield return StateListServices.Instance;
        var friends = new SimpleActors.Engine.Rls.ListDefinition(
            "sip:friends@example.com", "Friends", [EventPackages.Presence], [new("sip:bob@example.com", "Bob"), new("sip:carol@example.com")]);
        yield return friends;
        yield return new SimpleActors.Engine.Rls.GetListService(Aor, "sip:friends@example.com");
        yield return new SimpleActors.Engine.Rls.ListServiceAnswer("sip:friends@example.com", friends);
        yield return new SimpleActors.Engine.Rls.ListServiceAnswer("sip:gone@example.com", null);
        yield return new SimpleActors.Engine.Rls.WatchList(Aor, "sip:friends@example.com", "sub-7");
        yield return new SimpleActors.Engine.Rls.UnwatchList(Aor, "sub-7");
        yield return new SimpleActors.Engine.Rls.ListChanged("sub-7", "sip:friends@example.com", friends);
        yield return new SimpleActors.Engine.Rls.ListChanged("sub-7", "sip:friends@example.com", null);
        yield return new SimpleActors.Engine.Rls.ListWatcherAdded(Aor, "sub-7", "sip:friends@example.com", Now);
        yield return new SimpleActors.Engine.Rls.ListWatcherRemoved(Aor, "sub-7", Now);
        yield return new ApplyAuthorization("sub-7", AuthorizationDecision.Confirm, Now, "sip:bob@example.com");
        yield return new SubscribeResult(200, null, 600, null) { EventList = true };
        var list = new SimpleActors.Engine.Rls.ListTarget("sip:rls@example.com", null, [new("sip:bob@example.com", "Bob")], "Adhoc");
        yield return new Subscribe("sub-8", "sip:rls@example.com", null, Aor, "at", "call-l", 1, "sip:alice@192.0.2.10", [], UdpFlow, 600, true, "alice", Now) { List = list };
        yield return new SubscriptionCreated("sub-8", "sip:rls@example.com", null, Aor, "at", "call-l", 1, "sip:alice@192.0.2.10", [], UdpFlow, Now, SubscriptionStatus.Active, "alice", Now, EventPackages.Presence, 32, null, list);
        yield return new SubscriptionState("sub-8", new Dialog("call-l", "sip:friends@example.com", "sub-8", Aor, "at", "sip:alice@192.0.2.10", [], 3, 1, false, UdpFlow), null, Now, SubscriptionStatus.Active, 2, null)
        {
            List = new SimpleActors.Engine.Rls.ListTarget("sip:friends@example.com", Aor, []),
        };
        yield return new PresentityState(Aor, [], 1, [], ImmutableSortedDictionary<string, AuthorizationDecision>.Empty)
        {
            ListWatchers = ImmutableDictionary<string, string>.Empty.Add("sub-7", "sip:friends@example.com"),
        };
        yield return new OwnerDocumentList(Aor, [new XcapDocumentVersion("resource-lists/users/sip:alice@example.com/index", null, "e1", [])]);
        yield return new OwnerDocumentChanged(Aor, "resource-lists/users/sip:alice@example.com/index", "resource-lists", "e2", null, Now, "e1", ["<remove sel=\"y\"/>"]);
        yield return new SetWatcherDecision("pres-rules/users/sip:alice@example.com/index", "sip:bob@example.com", AuthorizationDecision.Confirm, "admin");
        yield return new SubscriptionState("sub-1", new Dialog("call-s", Aor, "sub-1", "sip:bob@example.com", "bt", "sip:bob@192.0.2.20:5060", ["<sip:p1.example.com;lr>"], 5, 3, false, UdpFlow), "7", Now, SubscriptionStatus.Active, 4, null);
        yield return SubscriptionState.None("sub-3");
        yield return new SendDialogRequest(
            new OutgoingRequest("NOTIFY", "sip:bob@192.0.2.20", ["<sip:p1.example.com;lr>"], "<sip:alice@example.com>;tag=sub-1", "<sip:bob@example.com>;tag=bt", "call-s", 5,
                [KeyValuePair.Create("Event", "presence"), KeyValuePair.Create("Subscription-State", "active;expires=60")], "application/pidf+xml", new byte[] { 0x3c, 0x2f, 0x3e }),
            TcpFlow,
            9);
        yield return new SendDialogRequest(new OutgoingRequest("NOTIFY", "sip:bob@192.0.2.20", [], "<sip:a@example.com>;tag=1", "<sip:b@example.com>;tag=2", "c", 1, [], null, default), UdpFlow, 10);
        yield return new DialogRequestOutcome(9, 481, "Call/Transaction Does Not Exist");
        yield return new DialogRequestOutcome(10, 200, null);
        yield return new SimpleActors.Engine.Rls.SendBackendRequest(
            new OutgoingRequest("SUBSCRIBE", "sip:dave@peer.test", ["<sip:127.0.0.1:5999;lr>"], "<sip:alice@example.com>;tag=sub-8~k1-0", "<sip:dave@peer.test>",
                "k1-0-sub-8@rls", 1, [KeyValuePair.Create("Event", "presence"), KeyValuePair.Create("Expires", "3600")], null, default));
        yield return new SimpleActors.Engine.Rls.BackendResponse(
            "sub-8~k1-0", "k1-0-sub-8@rls", 1, 200, "OK", "peer-tag", "sip:presence@192.0.2.7:5070", ["<sip:p1.peer.test;lr>"], 600, null, null);
        yield return new SimpleActors.Engine.Rls.BackendResponse("sub-8~k1-0", "k1-0-sub-8@rls", 2, 423, null, null, null, [], null, 1200, 30);
        yield return new SimpleActors.Engine.Rls.BackendNotify(
            "sub-8~k1-0", "peer-tag", "k1-0-sub-8@rls", 1, "active;expires=600", "application/pidf+xml", [0x3c, 0x2f, 0x3e], "sip:presence@192.0.2.7:5070", ["<sip:p1.peer.test;lr>"]);
        yield return new SimpleActors.Engine.Rls.BackendNotify("sub-8~k1-0", "peer-tag", "k1-0-sub-8@rls", 2, null, null, [], null, []);
        yield return new SimpleActors.Engine.Rls.BackendNotifyAnswer(200, null);
        yield return new SimpleActors.Engine.Rls.BackendNotifyAnswer(481, "Call/Transaction Does Not Exist");
        yield return new PresenceDocument(Aor, 4, [0x3c], AuthorizationDecision.PoliteBlock);
        yield return new PresentityState(Aor, [], 2, [], ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("sip:bob@example.com", AuthorizationDecision.Block)]));
        yield return new AuthorizeWatcher(Aor, "sip:bob@example.com", AuthorizationDecision.Allow, "alice", Now);
        yield return new AuthorizeWatcher(Aor, "sip:bob@example.com", AuthorizationDecision.Block, null, Now);
        yield return new WatcherAuthorized(Aor, "sip:bob@example.com", AuthorizationDecision.PoliteBlock, "alice", Now);
        yield return new WatcherAuthorization(Aor, "sip:bob@example.com", AuthorizationDecision.Allow, 2);
        yield return new ApplyAuthorization("sub-1", AuthorizationDecision.PoliteBlock, Now);
        yield return new SubscriptionAuthorized("sub-1", SubscriptionStatus.Active, true, Now);
        yield return new SubscriptionState("sub-1", new Dialog("call-s", Aor, "sub-1", "sip:bob@example.com", "bt", "sip:bob@192.0.2.20", [], 2, 1, false, null), null, Now, SubscriptionStatus.Active, 0, null, true);
    }

    private static ImmutableDictionary<string, WatcherEntry> Watchers(params WatcherEntry[] watchers) =>
        watchers.ToImmutableDictionary(w => w.SubscriptionId);
}
