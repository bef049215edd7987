using System.Text;
using Akka.Actor;
using Akka.TestKit;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Subscription;
using SimpleActors.Engine.Tests.Entities;
using SimpleActors.Presence;
using static SimpleActors.Engine.Tests.Entities.Samples;
using static SimpleActors.Engine.Tests.Xcap.XcapSamples;

namespace SimpleActors.Engine.Tests.Presence;

/// <summary>
/// The presentity with its owner's documents (RFC 5025 pres-rules, RFC 4827 pidf-manipulation) on the real journal; a
/// probe stands in for the Subscription region, the test for the XcapDocument entities.
/// </summary>
public class PresentityRulesTests : EntityTestKit
{
    private const string Bob = "sip:bob@example.com";
    private const string Carol = "sip:carol@example.net";
    private const string Dave = "sip:dave@example.com";

    private static readonly PublicationOptions Options = new() { DefaultExpires = 3600, MinExpires = 1, MaxExpires = 86400 };

    private static Props Entity(TestProbe subscriptions, TimeProvider? clock = null) =>
        PresentityShard.Props("0", Options, clock, subscriptions: subscriptions, defaultPolicy: SubscriptionPolicy.Pending);

    private static Publish PublishNow(string? ifMatch, string body, string newETag, uint cseq = 1) =>
        new(Aor, ifMatch, 600, Pidf.ContentType, Encoding.UTF8.GetBytes(body), newETag, "call-pub-1", cseq, "alice", DateTimeOffset.UtcNow);

    private static Watch WatchBy(string subscriptionId, string watcher, SubscriptionStatus status = SubscriptionStatus.Active) =>
        new(Aor, subscriptionId, watcher, DateTimeOffset.UtcNow, Status: status);

    private async Task<IReadOnlyList<IPresentityEvent>> EventsAsync() =>
        [.. (await JournalRows.ReadAsync(JournalFile, PresentityShard.PersistenceIdPrefix + Aor))
            .Select(r => (IPresentityEvent)Sys.Serialization.Deserialize(r.Payload, r.SerializerId, r.Manifest))];

    private static async Task<OwnerDocumentTaken> TakeRulesAsync(IActorRef entity, string etag, params string[] rules) =>
        await AskAsync<OwnerDocumentTaken>(entity, RulesChanged(etag, Ruleset(rules)));

    private static ApplyAuthorization NextAuthorization(TestProbe subscriptions) =>
        subscriptions.FishForMessage<ApplyAuthorization>(_ => true, Timeout);

    private static IReadOnlyList<string> TupleIds(byte[] document) => [.. Pidf.Parse(document).Tuples.Select(t => t.Id)];

    private static string Validity(DateTimeOffset from, DateTimeOffset until) =>
        $"<cp:validity><cp:from>{from.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}</cp:from><cp:until>{until.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}</cp:until></cp:validity>";

    /// <summary>A whole second at least <paramref name="seconds"/> from now (validity instants are written to the second).</summary>
    private static DateTimeOffset SecondsFromNow(int seconds)
    {
        var at = DateTimeOffset.UtcNow.AddSeconds(seconds + 1);
        return new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, at.Second, TimeSpan.Zero);
    }

    [Theory]
    [InlineData("confirm", AuthorizationDecision.Confirm, SubscriptionStatus.Active, SubscriptionStatus.Pending)]
    [InlineData("allow", AuthorizationDecision.Allow, SubscriptionStatus.Pending, SubscriptionStatus.Active)]
    [InlineData("polite-block", AuthorizationDecision.PoliteBlock, SubscriptionStatus.Pending, SubscriptionStatus.Active)]
    [InlineData("block", AuthorizationDecision.Block, SubscriptionStatus.Active, SubscriptionStatus.Active)]
    public async Task A_watcher_added_is_decided_by_the_owners_rules_and_journaled_with_the_status_they_give(
        string subHandling, AuthorizationDecision decision, SubscriptionStatus byDefault, SubscriptionStatus journaled)
    {
        var entity = StartEntity(Sys, Entity(CreateTestProbe()), CreateTestProbe());
        await TakeRulesAsync(entity, "r1", Rule("a", Bob, subHandling));

        var document = await AskAsync<PresenceDocument>(entity, WatchBy("sub-b", Bob, byDefault));

        Assert.Equal(decision, document.Decision);
        var added = Assert.Single((await EventsAsync()).OfType<WatcherAdded>());
        Assert.Equal(("sub-b", journaled), (added.SubscriptionId, added.Status));
    }

    [Fact]
    public async Task A_watcher_no_rule_names_waits_for_the_owners_confirmation_when_the_default_policy_holds_watchers_pending()
    {
        var entity = StartEntity(Sys, Entity(CreateTestProbe()), CreateTestProbe());
        await TakeRulesAsync(entity, "r1", Rule("a", Bob, "allow"));

        var document = await AskAsync<PresenceDocument>(entity, WatchBy("sub-d", Dave));

        Assert.Equal(AuthorizationDecision.Confirm, document.Decision);
        Assert.Equal(SubscriptionStatus.Pending, Assert.Single((await EventsAsync()).OfType<WatcherAdded>()).Status);
    }

    [Fact]
    public async Task A_watcher_no_rule_names_is_allowed_to_see_everything_when_the_default_policy_allows_its_domain()
    {
        var entity = StartEntity(Sys, PresentityShard.Props("0", Options, subscriptions: CreateTestProbe()), CreateTestProbe());
        await TakeRulesAsync(entity, "r1", Rule("a", Bob, "block"));

        var dave = await AskAsync<PresenceDocument>(entity, WatchBy("sub-d", Dave));
        var bob = await AskAsync<PresenceDocument>(entity, WatchBy("sub-b", Bob));

        Assert.Equal(AuthorizationDecision.Allow, dave.Decision); // dave@example.com: the shipped AllowOwnDomain decides
        Assert.Equal(AuthorizationDecision.Block, bob.Decision);
    }

    [Fact]
    public async Task New_rules_decide_again_about_every_presence_watcher_and_the_statuses_they_change_are_journaled()
    {
        var subscriptions = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(subscriptions), CreateTestProbe());
        await TakeRulesAsync(entity, "r1", Rule("a", Bob, "allow"), Rule("b", Carol, "allow"));
        await AskAsync<PresenceDocument>(entity, WatchBy("sub-b", Bob));
        await AskAsync<PresenceDocument>(entity, WatchBy("sub-c", Carol));

        var taken = await TakeRulesAsync(entity, "r2", Rule("a", Bob, "confirm"), Rule("b", Carol, "block"));
        var told = new[] { NextAuthorization(subscriptions), NextAuthorization(subscriptions) }.ToDictionary(a => a.SubscriptionId, a => a.Decision);

        Assert.Equal("r2", taken.ETag);
        Assert.Equal(AuthorizationDecision.Confirm, told["sub-b"]);
        Assert.Equal(AuthorizationDecision.Block, told["sub-c"]);
        await AwaitAssertAsync(
            async () =>
            {
                var statuses = Assert.IsType<WatcherStatusesChanged>((await EventsAsync())[^1]);
                Assert.Equal(SubscriptionStatus.Pending, Assert.Single(statuses.Statuses, s => s.Key == "sub-b").Value);
                Assert.DoesNotContain("sub-c", statuses.Statuses.Keys); // a blocked one ends; its status is the subscription's to write
            },
            Timeout);
    }

    [Fact]
    public async Task Watchers_see_the_document_their_transformations_leave_and_the_owner_sees_all_of_it()
    {
        var subscriptions = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(subscriptions), CreateTestProbe());
        await TakeRulesAsync(
            entity, "r1", Rule("a", Bob, "allow", EverythingProvided), Rule("b", Carol, "allow", ComponentsOnly), Rule("c", Dave, "allow", ComponentsOnly));
        await AskAsync<PublishResult>(entity, PublishNow(null, PidfWith("t1", "Phone service"), "e1"));

        var bob = await AskAsync<PresenceDocument>(entity, WatchBy("sub-b", Bob));
        var carol = await AskAsync<PresenceDocument>(entity, WatchBy("sub-c", Carol));
        var dave = await AskAsync<PresenceDocument>(entity, WatchBy("sub-d", Dave));
        var owner = await AskAsync<PresenceDocument>(entity, WatchBy("sub-a", Aor));

        Assert.Equal(AuthorizationDecision.Allow, owner.Decision);
        Assert.Contains("Phone service", Text(owner.Body), StringComparison.Ordinal);
        Assert.Contains("In a meeting", Text(owner.Body), StringComparison.Ordinal);
        Assert.Contains("Phone service", Text(bob.Body), StringComparison.Ordinal);
        Assert.Contains("In a meeting", Text(bob.Body), StringComparison.Ordinal);
        Assert.Equal(["t1"], TupleIds(carol.Body));
        Assert.DoesNotContain("Phone service", Text(carol.Body), StringComparison.Ordinal);
        Assert.DoesNotContain("In a meeting", Text(carol.Body), StringComparison.Ordinal);
        Assert.Equal(carol.Body, dave.Body);

        // A change: each watcher is told its own view of it, one filtered document for the two with the same permissions.
        await AskAsync<PublishResult>(entity, PublishNow("e1", PidfWith("t1", "Out to lunch", "Lunch"), "e2", 2));
        var changed = Enumerable.Range(0, 4).Select(_ => subscriptions.FishForMessage<PresenceChanged>(_ => true, Timeout)).ToDictionary(c => c.SubscriptionId);

        Assert.Contains("Out to lunch", Text(changed["sub-a"].Document), StringComparison.Ordinal);
        Assert.Contains("Lunch", Text(changed["sub-b"].Document), StringComparison.Ordinal);
        Assert.DoesNotContain("Out to lunch", Text(changed["sub-c"].Document), StringComparison.Ordinal);
        Assert.Same(changed["sub-c"].Document, changed["sub-d"].Document);
        Assert.Equal(changed["sub-c"].Digest, changed["sub-d"].Digest);
        Assert.NotEqual(changed["sub-b"].Digest, changed["sub-c"].Digest);
    }

    [Fact]
    public async Task An_owner_document_version_the_presentity_holds_is_answered_without_a_new_event()
    {
        var subscriptions = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(subscriptions), CreateTestProbe());
        await AskAsync<PresenceDocument>(entity, WatchBy("sub-b", Bob));
        await TakeRulesAsync(entity, "r1", Rule("a", Bob, "allow"));
        var events = (await EventsAsync()).Count;
        subscriptions.FishForMessage<ApplyAuthorization>(_ => true, Timeout);

        var again = await TakeRulesAsync(entity, "r1", Rule("a", Bob, "allow"));

        Assert.Equal((Aor, PresRules, "r1"), (again.Aor, again.Selector, again.ETag));
        Assert.Equal(events, (await EventsAsync()).Count);
        subscriptions.ExpectNoMsg(TimeSpan.FromMilliseconds(300)); // nothing to tell anybody
    }

    [Fact]
    public async Task A_pidf_manipulation_document_is_composed_as_hard_state_with_the_publications_until_it_is_deleted()
    {
        var subscriptions = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(subscriptions), CreateTestProbe());
        var hard = Encoding.UTF8.GetBytes(PidfWith("hard", "Set by hand", "On holiday"));

        await AskAsync<OwnerDocumentTaken>(entity, new OwnerDocumentChanged(Aor, PidfManipulation, OwnerDocument.PidfManipulation, "h1", hard, DateTimeOffset.UtcNow));
        var watched = await AskAsync<PresenceDocument>(entity, WatchBy("sub-b", Bob));
        await AskAsync<PublishResult>(entity, PublishNow(null, PidfWith("soft", "Phone"), "e1"));
        var composed = subscriptions.FishForMessage<PresenceChanged>(_ => true, Timeout);
        var deleted = await AskAsync<OwnerDocumentTaken>(entity, new OwnerDocumentChanged(Aor, PidfManipulation, OwnerDocument.PidfManipulation, null, null, DateTimeOffset.UtcNow));
        var without = subscriptions.FishForMessage<PresenceChanged>(_ => true, Timeout);

        Assert.Null(watched.Decision); // no rules: the default policy decides
        Assert.Equal(["hard"], TupleIds(watched.Body));
        Assert.Contains("Set by hand", Text(watched.Body), StringComparison.Ordinal);
        Assert.Equal(["hard", "soft"], TupleIds(composed.Document).Order(StringComparer.Ordinal));
        Assert.Null(deleted.ETag);
        Assert.Equal(["soft"], TupleIds(without.Document));
        Assert.DoesNotContain("Set by hand", Text(without.Document), StringComparison.Ordinal);
        Assert.True(without.Version > composed.Version && composed.Version > watched.Version);
    }

    [Fact]
    public async Task When_a_rules_validity_ends_the_presentity_decides_again_about_the_watcher()
    {
        var subscriptions = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(subscriptions), CreateTestProbe());
        var until = SecondsFromNow(2);
        await TakeRulesAsync(entity, "r1", Rule("a", Bob, "allow", ComponentsOnly, Validity(until.AddHours(-1), until)));

        var watched = await AskAsync<PresenceDocument>(entity, WatchBy("sub-b", Bob, SubscriptionStatus.Pending));
        var redecided = NextAuthorization(subscriptions);

        Assert.Equal(AuthorizationDecision.Allow, watched.Decision);
        Assert.True(DateTimeOffset.UtcNow >= until, "decided again before the rule's validity ended");
        Assert.Equal(("sub-b", AuthorizationDecision.Confirm), (redecided.SubscriptionId, redecided.Decision));
        await AwaitAssertAsync(
            async () => Assert.Equal(SubscriptionStatus.Pending, Assert.IsType<WatcherStatusesChanged>((await EventsAsync())[^1]).Statuses["sub-b"]),
            Timeout);
    }

    [Fact]
    public async Task When_a_rules_validity_ends_the_watcher_is_sent_a_newer_version_of_what_it_may_see_before_the_decision()
    {
        // A subscription keeps only a document newer than the one it holds (PresenceView.Take): the view a validity
        // boundary changes must come as a new version, and ahead of the decision it may come with.
        var subscriptions = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(subscriptions), CreateTestProbe());
        var until = SecondsFromNow(2);
        await TakeRulesAsync(
            entity, "r1", Rule("a", Bob, "allow", ComponentsOnly), Rule("notes", Bob, "allow", "<pr:provide-all-attributes/>", Validity(until.AddHours(-1), until)));
        var watched = await AskAsync<PresenceDocument>(entity, WatchBy("sub-b", Bob));
        await AskAsync<PublishResult>(entity, PublishNow(null, PidfWith("t1", "Phone service"), "e1"));
        var before = subscriptions.ExpectMsg<PresenceChanged>(Timeout);

        var after = subscriptions.ExpectMsg<PresenceChanged>(Timeout);
        var decided = subscriptions.ExpectMsg<ApplyAuthorization>(Timeout);

        Assert.Equal(AuthorizationDecision.Allow, watched.Decision);
        Assert.Contains("Phone service", Text(before.Document), StringComparison.Ordinal);
        Assert.True(DateTimeOffset.UtcNow >= until, "told before the rule's validity ended");
        Assert.True(after.Version > before.Version, $"version {after.Version} after the boundary, {before.Version} before");
        Assert.Equal(["t1"], TupleIds(after.Document));
        Assert.DoesNotContain("Phone service", Text(after.Document), StringComparison.Ordinal);
        Assert.Equal(("sub-b", AuthorizationDecision.Allow), (decided.SubscriptionId, decided.Decision));
    }

    [Fact]
    public async Task A_validity_boundary_that_passed_while_the_presentity_was_down_is_applied_when_it_starts_again()
    {
        // The first node's clock stands two minutes back: there the rule still allows bob when it stops.
        var back = new FrozenClock(DateTimeOffset.UtcNow.AddMinutes(-2));
        var until = back.GetUtcNow().AddMinutes(1);
        var first = StartOtherSystem();
        var entity = StartEntity(first, Entity(CreateTestProbe(first), back), CreateTestProbe(first));
        await AskAsync<OwnerDocumentTaken>(entity, RulesChanged("r1", Ruleset(Rule("a", Bob, "allow", ComponentsOnly, Validity(until.AddHours(-1), until)))) with { At = back.GetUtcNow() });
        Assert.Equal(AuthorizationDecision.Allow, (await AskAsync<PresenceDocument>(entity, WatchBy("sub-b", Bob) with { At = back.GetUtcNow() })).Decision);
        await first.Terminate();

        var subscriptions = CreateTestProbe();
        StartEntity(Sys, Entity(subscriptions), CreateTestProbe());

        // No command: the shard recovers its members and decides about bob by the rules of now.
        var redecided = NextAuthorization(subscriptions);
        Assert.Equal(("sub-b", AuthorizationDecision.Confirm), (redecided.SubscriptionId, redecided.Decision));
    }

    [Fact]
    public async Task A_publication_expiry_and_a_validity_boundary_due_together_are_both_applied()
    {
        // Both passed while the presentity was down, so both are due in the one look at its timers on recovery: the
        // boundary's write goes first, the expiry after it (one write at a time).
        var back = new FrozenClock(DateTimeOffset.UtcNow.AddMinutes(-2));
        var until = back.GetUtcNow().AddMinutes(1);
        var first = StartOtherSystem();
        var entity = StartEntity(first, Entity(CreateTestProbe(first), back), CreateTestProbe(first));
        await AskAsync<OwnerDocumentTaken>(entity, RulesChanged("r1", Ruleset(Rule("a", Bob, "allow", ComponentsOnly, Validity(until.AddHours(-1), until)))) with { At = back.GetUtcNow() });
        await AskAsync<PresenceDocument>(entity, WatchBy("sub-b", Bob) with { At = back.GetUtcNow() });
        await AskAsync<PublishResult>(entity, PublishNow(null, PidfWith("t1", "Phone service"), "e1") with { HeaderExpires = 60, At = back.GetUtcNow() });
        await first.Terminate();

        var subscriptions = CreateTestProbe();
        StartEntity(Sys, Entity(subscriptions), CreateTestProbe());

        Assert.Equal(AuthorizationDecision.Confirm, NextAuthorization(subscriptions).Decision);
        await AwaitAssertAsync(async () => Assert.IsType<PublicationRemoved>((await EventsAsync())[^1]), Timeout);
        Assert.Contains((await EventsAsync()).OfType<WatcherStatusesChanged>(), s => s.Statuses["sub-b"] == SubscriptionStatus.Pending);
    }
}
