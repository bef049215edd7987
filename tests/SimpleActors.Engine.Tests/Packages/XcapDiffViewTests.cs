using System.Text;
using System.Xml.Linq;
using SimpleActors.Engine.Packages;
using SimpleActors.Engine.Subscription;
using SimpleActors.Engine.Xcap;
using SimpleActors.Presence.Patch;
using SimpleActors.Sip.Events;
using SimpleActors.Xcap.Diff;

namespace SimpleActors.Engine.Tests.Packages;

/// <summary>An xcap-diff subscription's NOTIFY bodies (RFC 5875 sections 4.6 and 4.7, RFC 5874 section 3), read back with the xcap-diff reader.</summary>
public sealed class XcapDiffViewTests
{
    private const string Root = "http://xcap.example.com/xcap-root";
    private const string Lists = "resource-lists/users/sip:alice@example.com/index";
    private const string Friends = "resource-lists/users/sip:alice@example.com/friends/index";
    private const string Rules = "pres-rules/users/sip:alice@example.com/index";
    private const string HardState = "pidf-manipulation/users/sip:alice@example.com/index";
    private const string ListsFolder = "resource-lists/users/sip:alice@example.com/";
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] ListVersions =
    [
        """<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list name="friends"><entry uri="sip:bob@example.com"/></list></resource-lists>""",
        """<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list name="friends"><entry uri="sip:bob@example.com"/><entry uri="sip:carol@example.com"/></list></resource-lists>""",
        """<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list name="friends"><entry uri="sip:carol@example.com"/></list></resource-lists>""",
    ];

    private static SubscriptionState Watching(string? diffProcessing, params string[] selectors) =>
        SubscriptionState.None("sub-1") with { Documents = new WatchedDocuments(Root, selectors, diffProcessing), NotifiedVersion = 4 };

    private static XcapDocumentVersion Exists(string selector, string etag) => new(selector, null, etag, []);

    /// <summary>A view that knows the owner's documents: the lists, the friends list, the rules and the hard state.</summary>
    private static XcapDiffView Known()
    {
        var view = new XcapDiffView();
        view.Reset([Exists(Rules, "r1"), Exists(Lists, "l1"), Exists(HardState, "h1"), Exists(Friends, "f1")]);
        return view;
    }

    private static XcapDiffDocument Read(NotifyBody body) =>
        XcapDiffReader.Parse(body.Content ?? throw new InvalidOperationException("no body"));

    private static IReadOnlyList<string> Patch(int from, int to) =>
        XcapDocumentPatch.Between(Encoding.UTF8.GetBytes(ListVersions[from]), Encoding.UTF8.GetBytes(ListVersions[to]));

    /// <summary>The entries of a resource list, in order.</summary>
    private static IEnumerable<string?> Entries(XDocument list) =>
        list.Descendants(XName.Get("entry", "urn:ietf:params:xml:ns:resource-lists")).Select(e => (string?)e.Attribute("uri"));

    private static IEnumerable<XcapDiffDocumentEntry> Documents(XcapDiffDocument diff) => diff.Entries.Cast<XcapDiffDocumentEntry>();

    [Fact]
    public void The_first_body_is_the_full_state_of_the_watched_documents_in_order_each_with_its_new_etag()
    {
        var view = Known();
        var state = Watching(null, ListsFolder, Rules);

        var body = view.Body(state, NotifyKind.Change, rejected: false, 1, Now);

        var diff = Read(body);
        Assert.Equal(Root, diff.XcapRoot);
        Assert.Equal(
            [(Rules, null, "r1"), (Friends, null, "f1"), (Lists, null, "l1")],
            Documents(diff).Select(d => (d.Selector, d.PreviousETag, d.NewETag)));
        Assert.All(Documents(diff), d => Assert.Empty(d.Operations));
        Assert.Equal(state.NotifiedVersion + 1, body.Version);
        Assert.True(view.Known);
    }

    [Fact]
    public void Changes_after_the_first_body_list_only_the_watched_documents_that_changed_from_the_etag_told_to_the_new_one()
    {
        var view = Known();
        var state = Watching(null, ListsFolder, Rules);
        view.Body(state, NotifyKind.Full, rejected: false, 1, Now);

        view.Apply([new XcapDocumentVersion(Lists, "l1", "l2", []), new XcapDocumentVersion(HardState, "h1", "h2", [])], state.Documents);

        Assert.True(view.HasNews);
        var diff = Read(view.Body(state, NotifyKind.Change, rejected: false, 1, Now));
        var changed = Assert.Single(Documents(diff));
        Assert.Equal((Lists, "l1", "l2", XcapDiffChange.Modified), (changed.Selector, changed.PreviousETag, changed.NewETag, changed.Change));
        Assert.False(view.HasNews);
    }

    [Fact]
    public void A_change_of_a_document_nobody_watches_is_not_news()
    {
        var view = Known();
        var state = Watching(null, Rules);
        view.Body(state, NotifyKind.Full, rejected: false, 1, Now);

        view.Apply([new XcapDocumentVersion(Lists, "l1", "l2", [])], state.Documents);

        Assert.False(view.HasNews);
    }

    [Fact]
    public void A_created_document_has_only_a_new_etag_and_a_deleted_one_only_its_previous_one()
    {
        var view = Known();
        var state = Watching(null, ListsFolder);
        view.Body(state, NotifyKind.Full, rejected: false, 1, Now);
        const string work = "resource-lists/users/sip:alice@example.com/work/index";

        view.Apply([new XcapDocumentVersion(work, null, "w1", []), new XcapDocumentVersion(Friends, "f1", null, [])], state.Documents);

        var diff = Read(view.Body(state, NotifyKind.Change, rejected: false, 1, Now));
        Assert.Equal(
            [(work, null, "w1", XcapDiffChange.Created), (Friends, "f1", null, XcapDiffChange.Deleted)],
            Documents(diff).Select(d => (d.Selector, d.PreviousETag, d.NewETag, d.Change)));
        var full = Read(view.Body(state, NotifyKind.Full, rejected: false, 1, Now));
        Assert.Equal([(Lists, "l1"), (work, "w1")], Documents(full).Select(d => (d.Selector, d.NewETag)));
    }

    [Fact]
    public void A_document_created_and_deleted_between_two_notifies_is_not_listed()
    {
        var view = Known();
        var state = Watching(null, ListsFolder);
        view.Body(state, NotifyKind.Full, rejected: false, 1, Now);
        const string work = "resource-lists/users/sip:alice@example.com/work/index";

        view.Apply([new XcapDocumentVersion(work, null, "w1", []), new XcapDocumentVersion(work, "w1", null, []), new XcapDocumentVersion(Lists, "l1", "l2", [])], state.Documents);

        var diff = Read(view.Body(state, NotifyKind.Change, rejected: false, 1, Now));
        Assert.Equal([Lists], diff.Entries.Select(e => e.Selector));
    }

    [Fact]
    public void With_xcap_patching_each_version_is_one_document_element_carrying_its_patch()
    {
        var view = Known();
        var state = Watching(WatchedDocuments.XcapPatching, Lists);
        view.Body(state, NotifyKind.Full, rejected: false, 1, Now);
        var first = Patch(0, 1);
        var second = Patch(1, 2);
        Assert.NotEmpty(first);
        Assert.NotEmpty(second);

        view.Apply([new XcapDocumentVersion(Lists, "l1", "l2", first), new XcapDocumentVersion(Lists, "l2", "l3", second)], state.Documents);

        var entries = Documents(Read(view.Body(state, NotifyKind.Change, rejected: false, 1, Now))).ToList();
        Assert.Equal([(Lists, "l1", "l2"), (Lists, "l2", "l3")], entries.Select(d => (d.Selector, d.PreviousETag, d.NewETag)));
        Assert.Equal([first.Count, second.Count], entries.Select(d => d.Operations.Count));
        var patched = XmlPatch.Apply(XmlPatch.Apply(XDocument.Parse(ListVersions[0]), entries[0].Operations), entries[1].Operations);
        Assert.Equal(["sip:carol@example.com"], Entries(patched));
    }

    [Fact]
    public void With_aggregate_one_version_carries_its_patch()
    {
        var view = Known();
        var state = Watching(WatchedDocuments.Aggregate, Lists);
        view.Body(state, NotifyKind.Full, rejected: false, 1, Now);

        view.Apply([new XcapDocumentVersion(Lists, "l1", "l2", Patch(0, 1))], state.Documents);

        var entry = Assert.Single(Documents(Read(view.Body(state, NotifyKind.Change, rejected: false, 1, Now))));
        Assert.Equal(("l1", "l2"), (entry.PreviousETag, entry.NewETag));
        var patched = XmlPatch.Apply(XDocument.Parse(ListVersions[0]), entry.Operations);
        Assert.Equal(["sip:bob@example.com", "sip:carol@example.com"], Entries(patched));
    }

    [Fact]
    public void With_aggregate_two_versions_are_one_document_element_from_the_first_etag_to_the_last_without_a_patch()
    {
        var view = Known();
        var state = Watching(WatchedDocuments.Aggregate, Lists);
        view.Body(state, NotifyKind.Full, rejected: false, 1, Now);

        view.Apply([new XcapDocumentVersion(Lists, "l1", "l2", Patch(0, 1)), new XcapDocumentVersion(Lists, "l2", "l3", Patch(1, 2))], state.Documents);

        var entry = Assert.Single(Documents(Read(view.Body(state, NotifyKind.Change, rejected: false, 1, Now))));
        Assert.Equal(("l1", "l3"), (entry.PreviousETag, entry.NewETag));
        Assert.Empty(entry.Operations);
    }

    [Theory]
    [InlineData(WatchedDocuments.NoPatching)]
    [InlineData(null)]
    public void Without_patching_a_version_with_a_patch_carries_none(string? diffProcessing)
    {
        var view = Known();
        var state = Watching(diffProcessing, Lists);
        view.Body(state, NotifyKind.Full, rejected: false, 1, Now);

        view.Apply([new XcapDocumentVersion(Lists, "l1", "l2", Patch(0, 1))], state.Documents);

        var entry = Assert.Single(Documents(Read(view.Body(state, NotifyKind.Change, rejected: false, 1, Now))));
        Assert.Equal(("l1", "l2"), (entry.PreviousETag, entry.NewETag));
        Assert.Empty(entry.Operations);
    }

    [Fact]
    public void With_xcap_patching_versions_without_a_patch_are_one_document_element_without_one()
    {
        var view = Known();
        var state = Watching(WatchedDocuments.XcapPatching, Lists);
        view.Body(state, NotifyKind.Full, rejected: false, 1, Now);

        view.Apply([new XcapDocumentVersion(Lists, "l1", "l2", Patch(0, 1)), new XcapDocumentVersion(Lists, "l2", "l3", [])], state.Documents);

        var entry = Assert.Single(Documents(Read(view.Body(state, NotifyKind.Change, rejected: false, 1, Now))));
        Assert.Equal(("l1", "l3"), (entry.PreviousETag, entry.NewETag));
        Assert.Empty(entry.Operations);
    }

    [Fact]
    public void A_rejected_subscription_gets_no_body()
    {
        var view = Known();
        var state = Watching(null, Lists);

        var body = view.Body(state, NotifyKind.Final, rejected: true, 1, Now);

        Assert.Null(body.Content);
        Assert.Equal(state.NotifiedVersion, body.Version);
    }

    [Fact]
    public void A_view_that_does_not_know_the_documents_yet_gives_no_body()
    {
        var view = new XcapDiffView();
        var state = Watching(null, Lists);

        var body = view.Body(state, NotifyKind.Full, rejected: false, 1, Now);

        Assert.False(view.Known);
        Assert.Null(body.Content);
    }

    [Fact]
    public void A_subscription_that_watches_nothing_gives_no_body()
    {
        var body = Known().Body(SubscriptionState.None("sub-1"), NotifyKind.Full, rejected: false, 1, Now);

        Assert.Null(body.Content);
    }

    [Fact]
    public void A_request_after_news_is_answered_with_the_full_state_again()
    {
        var view = Known();
        var state = Watching(null, ListsFolder);
        view.Body(state, NotifyKind.Full, rejected: false, 1, Now);
        view.Apply([new XcapDocumentVersion(Lists, "l1", "l2", [])], state.Documents);

        var diff = Read(view.Body(state, NotifyKind.Full, rejected: false, 1, Now));

        Assert.Equal([(Friends, null, "f1"), (Lists, null, "l2")], Documents(diff).Select(d => (d.Selector, d.PreviousETag, d.NewETag)));
        Assert.False(view.HasNews);
    }

    [Fact]
    public void Changes_before_the_first_body_are_in_its_full_state_not_news()
    {
        var view = Known();
        var state = Watching(null, Lists);

        view.Apply([new XcapDocumentVersion(Lists, "l1", "l2", [])], state.Documents);

        Assert.False(view.HasNews);
        var entry = Assert.Single(Documents(Read(view.Body(state, NotifyKind.Change, rejected: false, 1, Now))));
        Assert.Equal((Lists, null, "l2"), (entry.Selector, entry.PreviousETag, entry.NewETag));
    }

    [Fact]
    public void The_version_of_a_body_follows_the_last_one_notified()
    {
        var view = Known();

        Assert.Equal(4, view.Version(Watching(null, Lists)));
    }
}
