using System.Collections.Immutable;
using System.Text;
using SimpleActors.Engine.Packages;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Rls;
using SimpleActors.Engine.Subscription;
using SimpleActors.Presence.Rls;
using SimpleActors.Sip.Events;

namespace SimpleActors.Engine.Tests.Rls;

/// <summary>A list subscription's view (RFC 4662): what its NOTIFYs carry, full and partial, within a size limit.</summary>
public sealed class ResourceListViewTests
{
    private const string Alice = "sip:alice@example.com";
    private const string Bob = "sip:bob@example.com";
    private const string Carol = "sip:carol@example.com";
    private const string List = "sip:alice-buddies@example.com";
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static readonly SubscriptionState State =
        new("sub-1", new Sip.Dialogs.Dialog("c", List, "sub-1", Alice, "at", "sip:alice@192.0.2.20", [], 0, 1, false, null), null, Now.AddHours(1),
            SubscriptionStatus.Active, 0, null);

    private static ResourceListView View(int maxBody = 60_000) =>
        new(new ListTarget(List, null, [new(Bob, "Bob"), new(Carol)], "Buddies"), _ => true, maxBody);

    private static byte[] Pidf(string entity, string note) =>
        Encoding.UTF8.GetBytes($"""<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="{entity}"><tuple id="t"><status><basic>open</basic></status><note>{note}</note></tuple></presence>""");

    private static (RlmiList Rlmi, Dictionary<string, string> Parts) Read(NotifyBody body)
    {
        var read = MultipartRelated.Read(body.Content, body.ContentType!);
        return (RlmiReader.Read(read.Root.Body.Span), read.Parts.Skip(1).ToDictionary(p => p.ContentId, p => Encoding.UTF8.GetString(p.Body.Span)));
    }

    private static NotifyBody Next(ResourceListView view, uint cseq, NotifyKind kind = NotifyKind.Change)
    {
        return view.Body(State, kind, false, cseq, Now);
    }

    [Fact]
    public void The_first_notify_waits_for_every_resource_then_lists_all_with_their_parts_as_version_zero()
    {
        var view = View();
        var (added, removed) = view.Define([new(Bob, "Bob"), new(Carol)], "Buddies");
        var waiting = view.Known;
        view.Answer(Bob, 1, Pidf(Bob, "b1"), null, null);
        var halfway = view.Known;
        view.Answer(Carol, 4, Pidf(Carol, "c1"), null, AuthorizationDecision.Confirm);

        var (rlmi, parts) = Read(Next(view, 1, NotifyKind.Full));

        Assert.Equal([Bob, Carol], added);
        Assert.Empty(removed);
        Assert.False(waiting);
        Assert.False(halfway);
        Assert.True(view.Known);
        Assert.Equal(0u, rlmi.Version);
        Assert.True(rlmi.FullState);
        Assert.Equal("Buddies", rlmi.Names[0].Value);
        var bob = rlmi.Resources[0].Instances[0];
        Assert.Equal(RlmiInstanceState.Active, bob.State);
        Assert.Contains("b1", parts[bob.Cid!], StringComparison.Ordinal);
        var carol = rlmi.Resources[1].Instances[0];
        Assert.Equal(RlmiInstanceState.Pending, carol.State);
        Assert.Null(carol.Cid); // RFC 4662 section 5.4: a pending instance has no state to show
        Assert.Single(parts);
        Assert.False(view.HasNews);
    }

    [Fact]
    public void A_change_goes_out_as_partial_state_with_that_resource_alone_and_an_unchanged_document_is_no_news()
    {
        var view = View();
        view.Define([new(Bob, "Bob"), new(Carol)], "Buddies");
        view.Answer(Bob, 1, Pidf(Bob, "b1"), null, null);
        view.Answer(Carol, 1, Pidf(Carol, "c1"), null, null);
        Next(view, 1, NotifyKind.Full);

        var same = view.Change(Carol, 2, Pidf(Carol, "c1"), null);
        var changed = view.Change(Bob, 2, Pidf(Bob, "b2"), null);
        var (rlmi, parts) = Read(Next(view, 2));

        Assert.False(same);
        Assert.True(changed);
        Assert.Equal(1u, rlmi.Version);
        Assert.False(rlmi.FullState);
        var bob = Assert.Single(rlmi.Resources);
        Assert.Equal(Bob, bob.Uri);
        Assert.Contains("b2", parts[bob.Instances[0].Cid!], StringComparison.Ordinal);
    }

    [Fact]
    public void A_blocked_resource_is_terminated_rejected_and_a_later_allow_is_a_new_instance()
    {
        var view = View();
        view.Define([new(Bob, "Bob")], null);
        view.Answer(Bob, 1, Pidf(Bob, "b1"), null, null);
        var (first, _) = Read(Next(view, 1, NotifyKind.Full));

        view.Authorize(Bob, AuthorizationDecision.Block);
        var (blocked, blockedParts) = Read(Next(view, 2));
        view.Authorize(Bob, AuthorizationDecision.Allow);
        var (allowed, _) = Read(Next(view, 3));

        var instance = blocked.Resources[0].Instances[0];
        Assert.Equal(RlmiInstanceState.Terminated, instance.State);
        Assert.Equal("rejected", instance.Reason);
        Assert.Empty(blockedParts);
        Assert.Equal(first.Resources[0].Instances[0].Id, instance.Id);
        Assert.NotEqual(instance.Id, allowed.Resources[0].Instances[0].Id);
        Assert.Equal(RlmiInstanceState.Active, allowed.Resources[0].Instances[0].State);
    }

    [Fact]
    public void A_politely_blocked_resource_shows_closed()
    {
        var view = View();
        view.Define([new(Bob)], null);
        view.Answer(Bob, 1, Pidf(Bob, "secret"), null, AuthorizationDecision.PoliteBlock);

        var (rlmi, parts) = Read(Next(view, 1, NotifyKind.Full));

        var part = parts[rlmi.Resources[0].Instances[0].Cid!];
        Assert.Contains("closed", part, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", part, StringComparison.Ordinal);
    }

    [Fact]
    public void A_full_state_over_the_size_limit_lists_every_resource_and_the_instances_that_did_not_fit_follow_as_partial_state()
    {
        var view = View(maxBody: 2_500);
        var resources = Enumerable.Range(0, 6).Select(i => new ListResource($"sip:u{i}@example.com")).ToList();
        view.Define(resources, null);
        foreach (var resource in resources)
        {
            view.Answer(resource.Uri, 1, Pidf(resource.Uri, new string('x', 600)), null, null);
        }

        var bodies = new List<(RlmiList Rlmi, Dictionary<string, string> Parts)> { Read(Next(view, 1, NotifyKind.Full)) };
        for (var cseq = 2u; view.HasNews && cseq < 20; cseq++)
        {
            bodies.Add(Read(Next(view, cseq)));
        }

        var delivered = bodies.SelectMany(b => b.Rlmi.Resources.Where(r => r.Instances.Count > 0).Select(r => r.Uri)).ToList();
        Assert.True(bodies.Count > 1);
        Assert.True(bodies[0].Rlmi.FullState);
        Assert.Equal(resources.Select(r => r.Uri), bodies[0].Rlmi.Resources.Select(r => r.Uri));
        Assert.All(bodies.Skip(1), b => Assert.False(b.Rlmi.FullState));
        Assert.Equal(Enumerable.Range(0, bodies.Count).Select(i => (uint)i), bodies.Select(b => b.Rlmi.Version));
        Assert.Equal(resources.Select(r => r.Uri).Order(), delivered.Order());
        Assert.All(bodies, b => Assert.All(b.Rlmi.Resources.SelectMany(r => r.Instances), i => Assert.True(b.Parts.ContainsKey(i.Cid!))));
    }

    [Fact]
    public void A_changed_list_is_full_state_and_a_resource_that_left_is_gone_from_it()
    {
        var view = View();
        view.Define([new(Bob), new(Carol)], null);
        view.Answer(Bob, 1, Pidf(Bob, "b1"), null, null);
        view.Answer(Carol, 1, Pidf(Carol, "c1"), null, null);
        Next(view, 1, NotifyKind.Full);

        var (added, removed) = view.Define([new(Bob, "Bobby")], "Renamed");
        var (rlmi, _) = Read(Next(view, 2));

        Assert.Empty(added);
        Assert.Equal([Carol], removed);
        Assert.True(rlmi.FullState);
        Assert.Equal("Renamed", rlmi.Names[0].Value);
        Assert.Equal("Bobby", Assert.Single(Assert.Single(rlmi.Resources).Names).Value);
    }

    [Fact]
    public void A_resource_that_never_answers_holds_the_first_notify_only_until_the_wait_stops()
    {
        var view = View();
        view.Define([new(Bob), new(Carol)], null);
        view.Answer(Bob, 1, Pidf(Bob, "b1"), null, null);
        view.StopWaiting();

        var (rlmi, _) = Read(Next(view, 1, NotifyKind.Full));

        Assert.True(view.Known);
        Assert.Empty(rlmi.Resources[1].Instances);
    }

    [Fact]
    public void A_subscriber_that_accepts_pidf_diff_gets_each_resource_as_pidf_full_first_then_as_patches_with_its_own_versions()
    {
        var view = View();
        var partial = State with { Partial = true };
        view.Define([new(Bob), new(Carol)], null);
        view.Answer(Bob, 1, Pidf(Bob, "b1"), null, null);
        view.Answer(Carol, 1, Pidf(Carol, "c1"), null, null);

        var first = view.Body(partial, NotifyKind.Full, false, 1, Now);
        view.Change(Bob, 2, Pidf(Bob, "b2"), null);
        var second = view.Body(partial, NotifyKind.Change, false, 2, Now);

        var firstParts = MultipartRelated.Read(first.Content, first.ContentType!).Parts.Skip(1).ToList();
        var secondRead = MultipartRelated.Read(second.Content, second.ContentType!);
        var patch = Assert.Single(secondRead.Parts.Skip(1));
        Assert.All(firstParts, p => Assert.Equal("application/pidf-diff+xml", p.ContentType));
        var fullBob = SimpleActors.Presence.PidfDiff.PidfDiff.Parse(firstParts[0].Body.Span);
        var diffBob = SimpleActors.Presence.PidfDiff.PidfDiff.Parse(patch.Body.Span);
        Assert.Equal("application/pidf-diff+xml", patch.ContentType);
        Assert.Contains(":pidf-full", Encoding.UTF8.GetString(firstParts[0].Body.Span), StringComparison.Ordinal);
        Assert.Contains(":pidf-diff", Encoding.UTF8.GetString(patch.Body.Span), StringComparison.Ordinal);
        Assert.Equal(1u, fullBob.Version);
        Assert.Equal(2u, diffBob.Version);
        var patched = SimpleActors.Presence.PidfDiff.PidfDiff.Apply(Pidf(Bob, "b1"), diffBob);
        Assert.Contains("b2", Encoding.UTF8.GetString(patched), StringComparison.Ordinal);
    }

    [Fact]
    public void Instance_ids_are_stable_per_uri_and_generation()
    {
        Assert.Equal(InstanceId.Of(Bob, 0), InstanceId.Of(Bob, 0));
        Assert.NotEqual(InstanceId.Of(Bob, 0), InstanceId.Of(Carol, 0));
        Assert.Equal(InstanceId.Of(Bob, 0) + "-1", InstanceId.Of(Bob, 1));
    }

    [Fact]
    public void The_owners_documents_define_services_with_inline_and_referenced_lists()
    {
        const string Lists = """<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list name="friends"><display-name>Friends</display-name><entry uri="sip:bob@example.com"><display-name>Bob</display-name></entry><entry uri="sip:carol@EXAMPLE.com"/></list></resource-lists>""";
        const string Services = """<rls-services xmlns="urn:ietf:params:xml:ns:rls-services" xmlns:rl="urn:ietf:params:xml:ns:resource-lists"><service uri="sip:alice-friends@example.com"><resource-list>http://xcap.example.com/xcap-root/resource-lists/users/sip:alice@example.com/index/~~/resource-lists/list%5b@name=%22friends%22%5d</resource-list><packages><package>presence</package></packages></service><service uri="sip:alice-work@example.com"><list><rl:entry uri="sip:dave@example.com"/></list></service></rls-services>""";
        var documents = ImmutableSortedDictionary.CreateRange(
            StringComparer.Ordinal,
            [
                KeyValuePair.Create($"resource-lists/users/{Alice}/index", new OwnerDocument("resource-lists", "e1", Encoding.UTF8.GetBytes(Lists))),
                KeyValuePair.Create($"rls-services/users/{Alice}/index", new OwnerDocument("rls-services", "e2", Encoding.UTF8.GetBytes(Services))),
            ]);

        var services = OwnerListServices.Resolve(Alice, documents);

        var friends = services["sip:alice-friends@example.com"];
        Assert.Equal("Friends", friends.Name);
        Assert.Equal([new ListResource(Bob, "Bob"), new ListResource(Carol)], friends.Resources);
        Assert.True(friends.Serves("presence"));
        Assert.False(friends.Serves("dialog"));
        Assert.Equal([new ListResource("sip:dave@example.com")], services["sip:alice-work@example.com"].Resources);
        Assert.Empty(OwnerListServices.Resolve(Alice, documents.Remove($"rls-services/users/{Alice}/index")));
    }
}
