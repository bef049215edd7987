using System.Text;
using Akka.Actor;
using Akka.TestKit;
using SimpleActors.Engine.Dialogs;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Rls;
using SimpleActors.Engine.Subscription;
using SimpleActors.Engine.Tests.Entities;
using SimpleActors.Presence.Rls;
using SimpleActors.Sip.Dialogs;
using SimpleActors.Sip.Message;
using static SimpleActors.Engine.Tests.Entities.Samples;
using static SimpleActors.Engine.Tests.Subscription.SubscriptionSamples;

namespace SimpleActors.Engine.Tests.Subscription;

/// <summary>
/// A list subscription with a resource of another domain (RFC 4662 section 4.2): the entity subscribes to it through
/// the edge (a probe), takes the notifier's NOTIFYs into the RLMI, and ends the back-end subscription with the list's.
/// </summary>
public class BackendSubscriptionShardTests : EntityTestKit
{
    private const string Bob = "sip:bob@example.com";
    private const string Dave = "sip:dave@peer.test";
    private const string Rls = "sip:rls@example.com";

    private static SubscriptionOptions Options(bool remote = true) => new()
    {
        DefaultExpires = 3600, MinExpires = 1, MaxExpires = 86400, MinNotifyInterval = TimeSpan.Zero,
        Lists = new ResourceListOptions { Domains = ["example.com"], RemoteResources = remote, OutboundProxy = "sip:127.0.0.1:5999" },
    };

    private static Subscribe ListSubscribe(int expires, uint cseq = 1, bool initial = true) =>
        new Subscribe(Id, Rls, null, "sip:alice@example.com", "alice-tag", "call-list", cseq, "sip:alice@192.0.2.10", [], UdpFlow, expires, initial, "alice", DateTimeOffset.UtcNow)
        {
            List = new ListTarget(Rls, null, [new ListResource(Bob), new ListResource(Dave)]),
        };

    private static readonly byte[] DavePidf = Encoding.UTF8.GetBytes(
        """<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:dave@peer.test"><tuple id="t"><status><basic>open</basic></status><note>dave here</note></tuple></presence>""");

    private static RlmiList Rlmi(SendDialogRequest send, out IReadOnlyDictionary<string, string> parts)
    {
        var notify = Parse(send.Request);
        var body = MultipartRelated.Read(notify.Body.Span, notify.Headers.GetFirstValue(KnownHeader.ContentType)!);
        parts = body.Parts.Skip(1).ToDictionary(p => p.ContentId, p => Encoding.UTF8.GetString(p.Body.Span));
        return RlmiReader.Read(body.Parts[0].Body.Span);
    }

    private static string? Header(OutgoingRequest request, string name) => request.Headers.FirstOrDefault(h => h.Key == name).Value;

    [Fact]
    public async Task A_remote_resource_is_pending_then_active_with_the_notifiers_pidf_and_its_subscription_ends_with_the_lists()
    {
        var presentities = CreateTestProbe();
        var edge = CreateTestProbe();
        var entity = StartEntity(Sys, SubscriptionShard.Props("0", Options(), null, 100, presentities, edge), CreateTestProbe());

        var reply = await AskAsync<SubscribeResult>(entity, ListSubscribe(600));
        var subscribe = edge.ExpectMsg<SendBackendRequest>(Timeout).Request;
        var shard = edge.LastSender;
        presentities.ExpectMsg<Watch>(w => w.Aor == Bob, Timeout);
        presentities.Reply(new PresenceDocument(Bob, 1, Document("bob"), SubscriptionId: Id));
        var first = edge.ExpectMsg<SendDialogRequest>(Timeout);
        var firstRlmi = Rlmi(first, out _);

        Assert.True(reply.IsSuccess);
        Assert.Equal(("SUBSCRIBE", Dave, "<sip:127.0.0.1:5999;lr>"), (subscribe.Method, subscribe.RequestUri, subscribe.Routes.Single()));
        Assert.Equal("presence", Header(subscribe, "Event"));
        var tag = NameAddress.Parse(subscribe.From).Tag!;
        Assert.True(BackendTag.TryParse(tag, out var named));
        Assert.Equal(Id, named);
        Assert.Equal([Bob, Dave], firstRlmi.Resources.Select(r => r.Uri));
        Assert.Equal(RlmiInstanceState.Pending, firstRlmi.Resources[1].Instances.Single().State);

        // The notifier's 2xx, then its NOTIFY active with dave's PIDF: a partial NOTIFY with dave alone.
        shard.Tell(new DialogRequestOutcome(first.Correlation, 200, null));
        shard.Tell(new BackendResponse(tag, subscribe.CallId, subscribe.CSeq, 200, null, "peer-tag", "sip:presence@127.0.0.1:5999", [], 600, null, null));
        var answer = await AskAsync<BackendNotifyAnswer>(entity, new BackendNotify(tag, "peer-tag", subscribe.CallId, 1, "active;expires=600", "application/pidf+xml", DavePidf, null, []));
        var second = edge.ExpectMsg<SendDialogRequest>(Timeout);
        var secondRlmi = Rlmi(second, out var parts);

        Assert.Equal(200, answer.StatusCode);
        Assert.False(secondRlmi.FullState);
        var dave = Assert.Single(secondRlmi.Resources);
        Assert.Equal(Dave, dave.Uri);
        Assert.Equal(RlmiInstanceState.Active, dave.Instances.Single().State);
        Assert.Contains("dave here", parts[dave.Instances.Single().Cid!], StringComparison.Ordinal);

        // A NOTIFY of a dialog the list subscription does not hold: 481 (RFC 6665 section 4.1.3).
        var stranger = await AskAsync<BackendNotifyAnswer>(entity, new BackendNotify(Id + "~ffff-0", "x", "other", 1, "active", null, [], null, []));
        Assert.Equal(481, stranger.StatusCode);

        // The subscriber leaves: the back-end subscription ends with Expires 0, in its dialog.
        shard.Tell(new DialogRequestOutcome(second.Correlation, 200, null));
        await AskAsync<SubscribeResult>(entity, ListSubscribe(0, 2, initial: false));
        var unsubscribe = edge.FishForMessage<SendBackendRequest>(_ => true, Timeout).Request;

        Assert.Equal(("0", "<sip:dave@peer.test>;tag=peer-tag", "sip:presence@127.0.0.1:5999"), (Header(unsubscribe, "Expires"), unsubscribe.To, unsubscribe.RequestUri));
        Assert.Equal(subscribe.CallId, unsubscribe.CallId);
    }

    [Fact]
    public async Task With_remote_resources_off_they_are_listed_without_state_and_nothing_is_sent_for_them()
    {
        var presentities = CreateTestProbe();
        var edge = CreateTestProbe();
        var entity = StartEntity(Sys, SubscriptionShard.Props("0", Options(remote: false), null, 100, presentities, edge), CreateTestProbe());

        await AskAsync<SubscribeResult>(entity, ListSubscribe(600));
        presentities.ExpectMsg<Watch>(w => w.Aor == Bob, Timeout);
        presentities.Reply(new PresenceDocument(Bob, 1, Document("bob"), SubscriptionId: Id));
        var first = edge.ExpectMsg<SendDialogRequest>(Timeout);
        var rlmi = Rlmi(first, out _);

        Assert.Empty(rlmi.Resources[1].Instances);
        edge.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }
}
