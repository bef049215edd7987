using Akka.Actor;
using Akka.TestKit;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Tests.Entities;
using SimpleActors.Engine.Xcap;
using SimpleActors.Presence.Rules;
using static SimpleActors.Engine.Tests.Entities.Samples;
using static SimpleActors.Engine.Tests.Xcap.XcapSamples;

namespace SimpleActors.Engine.Tests.Presence;

/// <summary>
/// The admin API's per-watcher decisions journaled before presence rules existed (<see cref="WatcherAuthorized"/>) become
/// rules of the owner's pres-rules document when the presentity starts again. A probe stands in for the XcapDocument
/// region (the presentity shard takes it as <c>xcapDocuments</c>); the test hands what it gets to a real XcapDocument
/// entity, whose presentity region is the presentity shard itself, so the whole round trip runs on the journal.
/// </summary>
public class DecisionMigrationTests : EntityTestKit
{
    private const string Bob = "sip:bob@example.com";

    private static readonly PublicationOptions Options = new() { DefaultExpires = 3600, MinExpires = 1, MaxExpires = 86400 };

    private static Props Presentities(TestProbe subscriptions, TestProbe documents) =>
        PresentityShard.Props("0", Options, subscriptions: subscriptions, xcapDocuments: documents);

    private async Task<IReadOnlyList<string>> ManifestsAsync() =>
        [.. (await JournalRows.ReadAsync(JournalFile, PresentityShard.PersistenceIdPrefix + Aor)).Select(r => r.Manifest)];

    [Fact]
    public async Task A_legacy_decision_becomes_a_rule_of_the_owners_pres_rules_when_the_presentity_starts_again_and_only_then()
    {
        // Before rules: bob watches and the owner blocked him through the admin API (PV1 in the journal).
        var legacy = StartOtherSystem();
        var before = StartEntity(legacy, Presentities(CreateTestProbe(legacy), CreateTestProbe(legacy)), CreateTestProbe(legacy));
        await AskAsync<PresenceDocument>(before, new Watch(Aor, "sub-b", Bob, DateTimeOffset.UtcNow));
        await AskAsync<WatcherAuthorization>(before, new AuthorizeWatcher(Aor, Bob, AuthorizationDecision.Block, "admin", DateTimeOffset.UtcNow));
        await legacy.Terminate();

        // Started again (bob's watch makes it a member: the shard recovers it with no command): the decision is sent as a rule.
        var upgraded = StartOtherSystem();
        var documents = CreateTestProbe(upgraded);
        var presentities = StartEntity(upgraded, Presentities(CreateTestProbe(upgraded), documents), CreateTestProbe(upgraded));
        var migrate = documents.ExpectMsg<SetWatcherDecision>(Timeout);
        Assert.Equal((PresentityShard.PresenceRulesSelector(Aor), Bob, AuthorizationDecision.Block), (migrate.Selector, migrate.Watcher, migrate.Decision));
        Assert.Equal(PresRules, migrate.Selector);

        var document = StartEntity(upgraded, XcapDocumentActor.Props(migrate.Selector, presentities: presentities), CreateTestProbe(upgraded));
        var written = await AskAsync<XcapDocumentAnswer>(document, migrate);
        var rules = PresenceRules.Parse((await AskAsync<XcapDocumentAnswer>(document, Get(PresRules))).Body);
        var later = await AskAsync<PresenceDocument>(presentities, new Watch(Aor, "sub-b2", Bob, DateTimeOffset.UtcNow));
        await upgraded.Terminate();

        Assert.Equal(201, written.Status);
        Assert.Equal(SubHandling.Block, rules.Evaluate(Bob, null, DateTimeOffset.UtcNow).SubHandling);
        Assert.Equal(AuthorizationDecision.Block, later.Decision);
        Assert.Contains("PE1", await ManifestsAsync()); // the presentity holds the written document

        // With rules in place, a further start migrates nothing.
        var documentsNow = CreateTestProbe();
        StartEntity(Sys, Presentities(CreateTestProbe(), documentsNow), CreateTestProbe());
        documentsNow.ExpectNoMsg(TimeSpan.FromSeconds(1));
    }
}
