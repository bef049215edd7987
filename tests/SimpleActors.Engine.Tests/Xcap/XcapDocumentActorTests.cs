using Akka.Actor;
using Akka.TestKit;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Tests.Entities;
using SimpleActors.Engine.Xcap;
using SimpleActors.Presence.Rules;
using static SimpleActors.Engine.Tests.Entities.Samples;
using static SimpleActors.Engine.Tests.Xcap.XcapSamples;

namespace SimpleActors.Engine.Tests.Xcap;

/// <summary>The XcapDocument entity (RFC 4825 section 7) on the real journal, with a probe standing in for the presentity region.</summary>
public class XcapDocumentActorTests : EntityTestKit
{
    private const string ListsType = "application/resource-lists+xml";
    private const string RulesType = "application/auth-policy+xml";
    private const string ElementType = "application/xcap-el+xml";
    private const string Carol = "resource-lists/list%5B@name=%22friends%22%5D/entry%5B@uri=%22sip:carol@example.com%22%5D";

    private static Props Document(string selector, IActorRef? presentities = null) =>
        XcapDocumentActor.Props(selector, presentities: presentities);

    private async Task<IReadOnlyList<XcapDocumentEdited>> EditsAsync(string selector) =>
        [.. (await JournalRows.ReadAsync(JournalFile, XcapDocumentActor.PersistenceIdPrefix + selector))
            .Select(r => (XcapDocumentEdited)Sys.Serialization.Deserialize(r.Payload, r.SerializerId, r.Manifest))];

    [Fact]
    public async Task A_document_put_creates_it_with_201_and_an_etag_and_a_get_returns_its_bytes()
    {
        var entity = StartEntity(Sys, Document(ResourceLists), CreateTestProbe());

        var created = await AskAsync<XcapDocumentAnswer>(entity, Put(ResourceLists, FriendsList, ListsType));
        var read = await AskAsync<XcapDocumentAnswer>(entity, Get(ResourceLists));

        Assert.Equal(201, created.Status);
        Assert.False(string.IsNullOrEmpty(created.ETag));
        Assert.Equal((200, ListsType, created.ETag), (read.Status, read.ContentType, read.ETag));
        Assert.Contains("sip:bob@example.com", Text(read.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_change_is_one_edit_in_the_journal_with_its_method_target_and_author_and_a_new_etag()
    {
        var entity = StartEntity(Sys, Document(ResourceLists), CreateTestProbe());
        var created = await AskAsync<XcapDocumentAnswer>(entity, Put(ResourceLists, FriendsList, ListsType));

        var element = await AskAsync<XcapDocumentAnswer>(entity, Put(ResourceLists, """<entry uri="sip:carol@example.com"/>""", ElementType, Carol));
        var afterElement = await AskAsync<XcapDocumentAnswer>(entity, Get(ResourceLists));
        var deleted = await AskAsync<XcapDocumentAnswer>(entity, Delete(ResourceLists));

        Assert.Equal(201, element.Status);
        Assert.NotEqual(created.ETag, element.ETag);
        Assert.Equal(element.ETag, afterElement.ETag);
        Assert.Contains("sip:carol@example.com", Text(afterElement.Body), StringComparison.Ordinal);
        Assert.Contains("sip:bob@example.com", Text(afterElement.Body), StringComparison.Ordinal);
        Assert.Equal(200, deleted.Status);
        var edits = await EditsAsync(ResourceLists);
        Assert.Equal(
            [("PUT", Target(ResourceLists), created.ETag), ("PUT", Target(ResourceLists, Carol), element.ETag), ("DELETE", Target(ResourceLists), null)],
            edits.Select(e => (e.Method, e.Target, e.ETag)));
        Assert.All(edits, e => Assert.Equal(Aor, e.By));
        Assert.Null(edits[2].Document);
        Assert.Contains("sip:carol@example.com", Text(edits[1].Document!), StringComparison.Ordinal);

        // Deleted: a later GET (the entity passivated; a new incarnation reads the journal) finds nothing.
        var again = StartEntity(Sys, Document(ResourceLists), CreateTestProbe());
        Assert.Equal(404, (await AskAsync<XcapDocumentAnswer>(again, Get(ResourceLists))).Status);
    }

    [Fact]
    public async Task A_conflict_is_answered_409_and_journals_nothing()
    {
        var entity = StartEntity(Sys, Document(ResourceLists), CreateTestProbe());
        var created = await AskAsync<XcapDocumentAnswer>(entity, Put(ResourceLists, FriendsList, ListsType));

        var malformed = await AskAsync<XcapDocumentAnswer>(entity, Put(ResourceLists, "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\">", ListsType));
        var noParent = await AskAsync<XcapDocumentAnswer>(
            entity, Put(ResourceLists, """<entry uri="sip:dave@example.com"/>""", ElementType, "resource-lists/list%5B@name=%22nope%22%5D/entry"));
        var read = await AskAsync<XcapDocumentAnswer>(entity, Get(ResourceLists));

        Assert.Equal((409, 409), (malformed.Status, noParent.Status));
        Assert.Contains("xcap-error", Text(noParent.Body), StringComparison.Ordinal);
        Assert.Equal(created.ETag, read.ETag);
        Assert.DoesNotContain("dave", Text(read.Body), StringComparison.Ordinal);
        Assert.Single(await EditsAsync(ResourceLists));
    }

    [Fact]
    public async Task The_document_and_its_etag_are_recovered_after_the_entity_starts_again()
    {
        var first = StartOtherSystem();
        var entity = StartEntity(first, Document(ResourceLists), CreateTestProbe(first));
        await AskAsync<XcapDocumentAnswer>(entity, Put(ResourceLists, FriendsList, ListsType));
        var changed = await AskAsync<XcapDocumentAnswer>(entity, Put(ResourceLists, """<entry uri="sip:carol@example.com"/>""", ElementType, Carol));
        await first.Terminate();

        var recovered = StartEntity(Sys, Document(ResourceLists), CreateTestProbe());
        var read = await AskAsync<XcapDocumentAnswer>(recovered, Get(ResourceLists));
        var stale = await AskAsync<XcapDocumentAnswer>(recovered, Put(ResourceLists, FriendsList, ListsType, ifMatch: "\"not-it\""));
        var matching = await AskAsync<XcapDocumentAnswer>(recovered, Put(ResourceLists, FriendsList, ListsType, ifMatch: $"\"{changed.ETag}\""));

        Assert.Equal((200, changed.ETag), (read.Status, read.ETag));
        Assert.Contains("sip:carol@example.com", Text(read.Body), StringComparison.Ordinal);
        Assert.Equal(412, stale.Status);
        Assert.Equal(200, matching.Status);
        Assert.Equal(3, (await EditsAsync(ResourceLists)).Count);
    }

    [Fact]
    public async Task A_pres_rules_put_tells_the_presentity_and_is_answered_once_the_presentity_holds_that_version()
    {
        var presentities = CreateTestProbe();
        var requester = CreateTestProbe();
        var entity = StartEntity(Sys, Document(PresRules, presentities), CreateTestProbe());

        entity.Tell(Put(PresRules, Ruleset(Rule("a", "sip:bob@example.com", "allow")), RulesType), requester);
        var told = presentities.ExpectMsg<OwnerDocumentChanged>(Timeout);
        requester.ExpectNoMsg(TimeSpan.FromMilliseconds(500)); // in the journal, but the presentity does not hold it yet
        presentities.Reply(new OwnerDocumentTaken(told.Aor, told.Selector, told.ETag));
        var answer = requester.ExpectMsg<XcapDocumentAnswer>(Timeout);

        Assert.Equal((Aor, PresRules, OwnerDocument.PresRules), (told.Aor, told.Selector, told.Auid));
        Assert.Contains("sip:bob@example.com", Text(told.Document!), StringComparison.Ordinal);
        Assert.Equal((201, told.ETag), (answer.Status, answer.ETag));
        Assert.Single(await EditsAsync(PresRules));
    }

    [Fact]
    public async Task A_pres_rules_put_is_answered_after_three_seconds_when_the_presentity_never_answers_and_the_presentity_is_told_again()
    {
        var presentities = CreateTestProbe();
        var requester = CreateTestProbe();
        var entity = StartEntity(Sys, Document(PresRules, presentities), CreateTestProbe());

        entity.Tell(Put(PresRules, Ruleset(Rule("a", "sip:bob@example.com", "block")), RulesType), requester);
        var told = presentities.ExpectMsg<OwnerDocumentChanged>(Timeout);
        requester.ExpectNoMsg(TimeSpan.FromSeconds(2));
        var answer = requester.ExpectMsg<XcapDocumentAnswer>(Timeout);
        var again = presentities.ExpectMsg<OwnerDocumentChanged>(Timeout); // re-told until taken
        presentities.Reply(new OwnerDocumentTaken(again.Aor, again.Selector, again.ETag));

        Assert.Equal((201, told.ETag), (answer.Status, answer.ETag));
        Assert.Equal(told.ETag, again.ETag);
        presentities.ExpectNoMsg(TimeSpan.FromSeconds(6)); // taken: no more retelling
        Assert.Single(await EditsAsync(PresRules));
    }

    [Fact]
    public async Task A_resource_list_change_reaches_the_presentity_with_its_content_for_the_list_services()
    {
        var presentities = CreateTestProbe();
        var entity = StartEntity(Sys, Document(ResourceLists, presentities), CreateTestProbe());

        var answer = AskAsync<XcapDocumentAnswer>(entity, Put(ResourceLists, FriendsList, ListsType));
        var told = presentities.ExpectMsg<OwnerDocumentChanged>(Timeout);
        presentities.Reply(new OwnerDocumentTaken(told.Aor, told.Selector, told.ETag));

        Assert.Equal(201, (await answer).Status);
        Assert.Equal("resource-lists", told.Auid);
        Assert.Equal(FriendsList, System.Text.Encoding.UTF8.GetString(told.Document!)); // list services resolve from it (RFC 4826 section 4)
        Assert.Equal((await answer).ETag, told.ETag);
        Assert.Null(told.PreviousETag);
    }

    [Fact]
    public async Task A_watcher_decision_creates_the_pres_rules_document_with_a_rule_for_the_watcher_and_a_second_one_edits_it()
    {
        var presentities = TakingPresentities(CreateTestProbe());
        var entity = StartEntity(Sys, Document(PresRules, presentities), CreateTestProbe());

        var created = await AskAsync<XcapDocumentAnswer>(entity, new SetWatcherDecision(PresRules, "sip:bob@example.com", AuthorizationDecision.Block, "admin"));
        var edited = await AskAsync<XcapDocumentAnswer>(entity, new SetWatcherDecision(PresRules, "sip:carol@example.net", AuthorizationDecision.Allow, "admin"));
        var changedAgain = await AskAsync<XcapDocumentAnswer>(entity, new SetWatcherDecision(PresRules, "sip:bob@example.com", AuthorizationDecision.PoliteBlock, "admin"));
        var read = await AskAsync<XcapDocumentAnswer>(entity, Get(PresRules));

        Assert.Equal((201, 200, 200), (created.Status, edited.Status, changedAgain.Status));
        Assert.Equal(changedAgain.ETag, read.ETag);
        var rules = PresenceRules.Parse(read.Body);
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(SubHandling.PoliteBlock, rules.Evaluate("sip:bob@example.com", null, now).SubHandling);
        Assert.Equal(SubHandling.Allow, rules.Evaluate("sip:carol@example.net", null, now).SubHandling);
        Assert.Null(rules.Evaluate("sip:dave@example.com", null, now).SubHandling);
        var edits = await EditsAsync(PresRules);
        Assert.Equal(3, edits.Count);
        Assert.All(edits, e => Assert.Equal(("PUT", "admin"), (e.Method, e.By)));

        // The presentity was handed each version, the last one last.
        var told = presentities.ReceiveWhile(TimeSpan.FromMilliseconds(500), m => (OwnerDocumentChanged)m);
        Assert.Equal(changedAgain.ETag, told[^1].ETag);
    }
}
