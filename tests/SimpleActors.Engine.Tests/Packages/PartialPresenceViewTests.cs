using SimpleActors.Engine.Packages;
using SimpleActors.Engine.Subscription;
using SimpleActors.Presence;
using SimpleActors.Presence.Patch;
using SimpleActors.Presence.PidfDiff;
using SimpleActors.Sip.Events;

namespace SimpleActors.Engine.Tests.Packages;

/// <summary>RFC 5263 partial notification in the presence view: pidf-full first, then pidf-diff, versioned by CSeq.</summary>
public sealed class PartialPresenceViewTests
{
    private const string Alice = "sip:alice@example.com";
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static SubscriptionState Subscription(bool partial = true, SubscriptionStatus status = SubscriptionStatus.Active, bool polite = false) =>
        new SubscriptionState(
            "sub-1", new Sip.Dialogs.Dialog("c", Alice, "sub-1", "sip:bob@example.com", "bt", "sip:bob@192.0.2.20", [], 0, 1, false, null), null,
            Now.AddHours(1), status, 0, null, polite) { Partial = partial };

    private static byte[] Document(string basic, string note = "hello") => Pidf.Write(new PidfDocument(
        Alice,
        [
            new PidfTuple("t1", new PidfStatus(basic == "open" ? BasicStatus.Open : BasicStatus.Closed, []), new PidfContact("sip:alice@192.0.2.10", null), [], null, null, []),
            new PidfTuple("t2", new PidfStatus(BasicStatus.Open, []), new PidfContact("im:alice@example.com", 0.5), [], null, null, []),
        ],
        [], [], [new PidfNote(note, "en")], []));

    private static PidfDiffDocument Read(NotifyBody body)
    {
        Assert.Equal(PidfDiff.ContentType, body.ContentType);
        return PidfDiff.Parse(body.Content);
    }

    private static PresenceView Told(PidfDiffCache cache, long version, byte[] document)
    {
        var view = new PresenceView(cache);
        view.Take(version, document, NotifyDigest.Of(document));
        return view;
    }

    [Fact]
    public void The_first_notify_is_pidf_full_then_a_change_is_a_pidf_diff_each_versioned_by_its_cseq()
    {
        var open = Document("open");
        var closed = Document("closed");
        var view = Told(new PidfDiffCache(8), 1, open);

        var first = Read(view.Body(Subscription(), NotifyKind.Full, false, 7, Now));
        view.Take(2, closed, NotifyDigest.Of(closed));
        var second = Read(view.Body(Subscription(), NotifyKind.Change, false, 8, Now));

        Assert.Equal((true, 7u, Alice), (first.IsFull, first.Version, first.Entity));
        Assert.Equal((false, 8u), (second.IsFull, second.Version));
        var rebuilt = PidfDiff.Apply(PidfDiff.Write(first.Presence!), second);
        Assert.Equal(Pidf.Parse(closed), Pidf.Parse(rebuilt));
    }

    [Fact]
    public void A_watcher_that_does_not_accept_pidf_diff_gets_the_plain_document()
    {
        var open = Document("open");
        var view = Told(new PidfDiffCache(8), 1, open);
        view.Body(Subscription(partial: false), NotifyKind.Full, false, 1, Now);
        var closed = Document("closed");
        view.Take(2, closed, "d2");

        var body = view.Body(Subscription(partial: false), NotifyKind.Change, false, 2, Now);

        Assert.Null(body.ContentType);
        Assert.Same(closed, body.Content);
        Assert.Equal("d2", body.Digest);
    }

    [Theory]
    [InlineData(NotifyKind.Full)]
    [InlineData(NotifyKind.Final)]
    public void A_request_or_the_final_notify_is_full_state(NotifyKind kind)
    {
        var view = Told(new PidfDiffCache(8), 1, Document("open"));
        view.Body(Subscription(), NotifyKind.Full, false, 1, Now);
        view.Take(2, Document("closed"), null);

        Assert.True(Read(view.Body(Subscription(), kind, false, 2, Now)).IsFull);
    }

    [Fact]
    public void After_a_failed_notify_the_next_is_full_state()
    {
        var view = Told(new PidfDiffCache(8), 1, Document("open"));
        view.Body(Subscription(), NotifyKind.Full, false, 1, Now);
        view.Unconfirmed();
        view.Take(2, Document("closed"), null);

        Assert.True(Read(view.Body(Subscription(), NotifyKind.Change, false, 2, Now)).IsFull);
    }

    [Fact]
    public void After_a_notify_without_a_document_the_next_is_full_state_and_a_polite_block_is_a_closed_pidf_full()
    {
        var view = Told(new PidfDiffCache(8), 1, Document("open"));
        view.Body(Subscription(), NotifyKind.Full, false, 1, Now);
        var pending = view.Body(Subscription(status: SubscriptionStatus.Pending), NotifyKind.Full, false, 2, Now);
        view.Take(2, Document("closed"), null);
        var next = Read(view.Body(Subscription(), NotifyKind.Change, false, 3, Now));
        var polite = Read(view.Body(Subscription(polite: true), NotifyKind.Full, false, 4, Now));

        Assert.Null(pending.Content);
        Assert.Equal((true, 3u), (next.IsFull, next.Version));
        Assert.Equal((true, 4u), (polite.IsFull, polite.Version));
        Assert.Equal(BasicStatus.Closed, Pidf.Parse(PidfDiff.Write(polite.Presence!)).Tuples[0].Status.Basic);
    }

    [Fact]
    public void A_fan_out_to_a_thousand_identical_watchers_computes_one_diff()
    {
        var cache = new PidfDiffCache(8);
        var open = Document("open");
        var closed = Document("closed");
        var views = Enumerable.Range(0, 1000).Select(_ => Told(cache, 1, open)).ToList();
        views.ForEach(v => v.Body(Subscription(), NotifyKind.Full, false, 1, Now));

        var versions = new List<uint>();
        var digest = NotifyDigest.Of(closed);
        foreach (var (view, i) in views.Select((v, i) => (v, i)))
        {
            view.Take(2, closed, digest);
            var diff = Read(view.Body(Subscription(), NotifyKind.Change, false, (uint)(2 + i), Now));
            Assert.False(diff.IsFull);
            versions.Add(diff.Version);
        }

        Assert.Equal(1, cache.Computed);
        Assert.Equal(Enumerable.Range(2, 1000).Select(v => (uint)v), versions);
    }

    [Fact]
    public void The_cache_keeps_at_most_its_capacity()
    {
        var cache = new PidfDiffCache(2);
        var documents = Enumerable.Range(0, 4).Select(i => Document("open", "note " + i)).ToList();

        cache.Directives("0", documents[0], "1", documents[1]);
        cache.Directives("1", documents[1], "2", documents[2]);
        cache.Directives("2", documents[2], "3", documents[3]);
        cache.Directives("1", documents[1], "2", documents[2]);
        cache.Directives("0", documents[0], "1", documents[1]);

        Assert.Equal(4, cache.Computed); // the oldest pair went when the third came
    }

    [Fact]
    public void A_patch_no_smaller_than_the_document_is_sent_as_full_state()
    {
        var small = Pidf.WriteClosed(Alice);
        var other = Pidf.Write(Pidf.Closed(Alice) with { Tuples = [new PidfTuple("x", new PidfStatus(BasicStatus.Open, []), null, [], null, null, [])] });
        var cache = new PidfDiffCache(8);
        var directives = PidfDiff.Directives(small, other);
        var view = Told(cache, 1, small);
        view.Body(Subscription(), NotifyKind.Full, false, 1, Now);
        view.Take(2, other, null);

        var body = Read(view.Body(Subscription(), NotifyKind.Change, false, 2, Now));

        Assert.True(directives.Length >= other.Length, "the sample must make a patch no smaller than the document");
        Assert.True(body.IsFull);
    }

    [Fact]
    public void Rebuilding_from_the_patches_gives_every_document_in_turn()
    {
        var view = Told(new PidfDiffCache(8), 1, Document("open"));
        var local = PidfDiff.Write(Read(view.Body(Subscription(), NotifyKind.Full, false, 1, Now)).Presence!);
        var documents = new[] { Document("closed"), Document("closed", "gone"), Document("open", "back") };
        for (var i = 0; i < documents.Length; i++)
        {
            view.Take(i + 2, documents[i], null);
            var diff = Read(view.Body(Subscription(), NotifyKind.Change, false, (uint)(i + 2), Now));
            Assert.False(diff.IsFull);
            local = PidfDiff.Write(XmlPatch.Apply(System.Xml.Linq.XDocument.Parse(System.Text.Encoding.UTF8.GetString(local), System.Xml.Linq.LoadOptions.PreserveWhitespace), diff.Operations));
            Assert.Equal(Pidf.Parse(documents[i]), Pidf.Parse(local));
        }
    }
}
