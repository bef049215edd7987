using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static SimpleActors.Presence.Tests.Text;

namespace SimpleActors.Presence.Tests;

public class WatcherInfoTests
{
    // RFC 3858 section 3 (and the section 5 example's shape): a full document, one watcher list for
    // the presence package, an active and a pending watcher with every attribute the schema defines.
    private const string Full = """
        <?xml version="1.0"?>
        <watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="0" state="full">
          <watcher-list resource="sip:paula@example.com" package="presence">
            <watcher status="active" id="w8s7d6" event="approved" duration-subscribed="1200" expiration="2400">sip:quentin@example.org</watcher>
            <watcher id="w91kx" status="pending" display-name="Rosa R." event="subscribed">sip:rosa@example.net</watcher>
          </watcher-list>
        </watcherinfo>
        """;

    // RFC 3858 section 3: a partial document carries only the watchers that changed; here one
    // terminated by timeout, in a second list for another package.
    private const string Partial = """
        <watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="7" state="partial">
          <watcher-list resource="sip:paula@example.com" package="presence">
            <watcher id="w8s7d6" status="terminated" event="timeout">sip:quentin@example.org</watcher>
          </watcher-list>
          <watcher-list resource="sip:paula@example.com" package="message-summary"/>
        </watcherinfo>
        """;

    [Fact]
    public void Full_document_is_read_with_every_attribute()
    {
        var d = ParseWatcherInfo(Full);

        Assert.Equal(0, d.Version);
        Assert.Equal(WatcherInfoState.Full, d.State);
        var list = Assert.Single(d.Lists);
        Assert.Equal("sip:paula@example.com", list.Resource);
        Assert.Equal("presence", list.Package);
        Assert.Equal(
            [
                new Watcher("w8s7d6", "sip:quentin@example.org", WatcherStatus.Active, WatcherEvent.Approved, null, 1200, 2400),
                new Watcher("w91kx", "sip:rosa@example.net", WatcherStatus.Pending, WatcherEvent.Subscribed, "Rosa R.", null, null),
            ],
            list.Watchers);
    }

    [Fact]
    public void Partial_document_is_read()
    {
        var d = ParseWatcherInfo(Partial);

        Assert.Equal(7, d.Version);
        Assert.Equal(WatcherInfoState.Partial, d.State);
        Assert.Equal(2, d.Lists.Count);
        Assert.Equal(WatcherEvent.Timeout, d.Lists[0].Watchers[0].Event);
        Assert.Equal(WatcherStatus.Terminated, d.Lists[0].Watchers[0].Status);
        Assert.Empty(d.Lists[1].Watchers);
    }

    [Theory]
    [InlineData(Full)]
    [InlineData(Partial)]
    public void Documents_round_trip_and_write_deterministically(string text)
    {
        var d = ParseWatcherInfo(text);

        var bytes = WatcherInfo.Write(d);

        Assert.Equal(d, WatcherInfo.Parse(bytes));
        Assert.Equal(d.GetHashCode(), WatcherInfo.Parse(bytes).GetHashCode());
        Assert.Equal(bytes, WatcherInfo.Write(WatcherInfo.Parse(bytes)));
    }

    [Fact]
    public void Output_uses_lower_case_words_and_the_default_namespace()
    {
        var text = Of(WatcherInfo.Write(ParseWatcherInfo(Full)));

        Assert.Equal("""
            <?xml version="1.0" encoding="utf-8"?>
            <watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="0" state="full">
              <watcher-list resource="sip:paula@example.com" package="presence">
                <watcher id="w8s7d6" status="active" event="approved" duration-subscribed="1200" expiration="2400">sip:quentin@example.org</watcher>
                <watcher id="w91kx" status="pending" event="subscribed" display-name="Rosa R.">sip:rosa@example.net</watcher>
              </watcher-list>
            </watcherinfo>
            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Every_status_and_event_word_round_trips()
    {
        var watchers = Enum.GetValues<WatcherStatus>()
            .SelectMany(s => Enum.GetValues<WatcherEvent>().Select(e => (s, e)))
            .Select((p, i) => new Watcher("w" + i, "sip:w@example.com", p.s, p.e, null, null, null))
            .ToArray();
        var d = new WatcherInfoDocument(long.MaxValue, WatcherInfoState.Partial, [new WatcherList("sip:r@example.com", "presence", watchers)]);

        var text = Of(WatcherInfo.Write(d));

        Assert.Equal(d, ParseWatcherInfo(text));
        foreach (var word in new[] { "pending", "active", "waiting", "terminated", "subscribed", "approved", "deactivated", "probation", "rejected", "timeout", "giveup", "noresource" })
        {
            Assert.Contains($"\"{word}\"", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Elements_of_other_namespaces_are_ignored()
    {
        var d = ParseWatcherInfo("""
            <wi:watcherinfo xmlns:wi="urn:ietf:params:xml:ns:watcherinfo" xmlns:x="urn:x" version="1" state="full">
              <x:extra/>
              <wi:watcher-list resource="sip:a@example.com" package="presence"><x:more/></wi:watcher-list>
            </wi:watcherinfo>
            """);

        Assert.Empty(Assert.Single(d.Lists).Watchers);
    }

    [Theory]
    [InlineData("""<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" state="full"/>""", "watcherinfo: missing or bad version")]
    [InlineData("""<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="-1" state="full"/>""", "watcherinfo: missing or bad version")]
    [InlineData("""<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="1.5" state="full"/>""", "watcherinfo: missing or bad version")]
    [InlineData("""<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="99999999999999999999" state="full"/>""", "watcherinfo: missing or bad version")]
    [InlineData("""<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="0"/>""", "watcherinfo: missing or bad state")]
    [InlineData("""<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="0" state="Full"/>""", "watcherinfo: missing or bad state")]
    [InlineData("""<watcherinfo version="0" state="full"/>""", "watcherinfo: root is not a watcherinfo element")]
    [InlineData("""<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="pres:a@example.com"/>""", "watcherinfo: root is not a watcherinfo element")]
    [InlineData("""<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="0" state="full"><watcher-list package="presence"/></watcherinfo>""", "watcherinfo: watcher-list without resource")]
    [InlineData("""<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="0" state="full"><watcher-list resource="sip:a@x"/></watcherinfo>""", "watcherinfo: watcher-list without package")]
    [InlineData("""<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="0" state="full"><watcher-list resource="sip:a@x" package="presence"/><watcher-list resource="sip:a@x" package="presence"/></watcherinfo>""", "watcherinfo: duplicate watcher-list")]
    [InlineData("""<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="0" state="full"><watcher-list resource="sip:a@x" package="presence"><watcher status="active" event="approved">sip:b@x</watcher></watcher-list></watcherinfo>""", "watcherinfo: watcher without id")]
    [InlineData("""<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="0" state="full"><watcher-list resource="sip:a@x" package="presence"><watcher id="1" event="approved">sip:b@x</watcher></watcher-list></watcherinfo>""", "watcherinfo: missing or bad watcher status")]
    [InlineData("""<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="0" state="full"><watcher-list resource="sip:a@x" package="presence"><watcher id="1" status="asleep" event="approved">sip:b@x</watcher></watcher-list></watcherinfo>""", "watcherinfo: missing or bad watcher status")]
    [InlineData("""<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="0" state="full"><watcher-list resource="sip:a@x" package="presence"><watcher id="1" status="active">sip:b@x</watcher></watcher-list></watcherinfo>""", "watcherinfo: missing or bad watcher event")]
    [InlineData("""<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="0" state="full"><watcher-list resource="sip:a@x" package="presence"><watcher id="1" status="active" event="Approved">sip:b@x</watcher></watcher-list></watcherinfo>""", "watcherinfo: missing or bad watcher event")]
    [InlineData("""<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="0" state="full"><watcher-list resource="sip:a@x" package="presence"><watcher id="1" status="active" event="approved"> </watcher></watcher-list></watcherinfo>""", "watcherinfo: watcher without URI")]
    [InlineData("""<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="0" state="full"><watcher-list resource="sip:a@x" package="presence"><watcher id="1" status="active" event="approved" expiration="-5">sip:b@x</watcher></watcher-list></watcherinfo>""", "watcherinfo: bad expiration")]
    [InlineData("""<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="0" state="full"><watcher-list resource="sip:a@x" package="presence"><watcher id="1" status="active" event="approved" duration-subscribed="soon">sip:b@x</watcher></watcher-list></watcherinfo>""", "watcherinfo: bad duration-subscribed")]
    [InlineData("""<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="0" state="full"><watcher-list resource="sip:a@x" package="presence"><watcher id="1" status="active" event="approved">sip:b@x</watcher><watcher id="1" status="pending" event="subscribed">sip:c@x</watcher></watcher-list></watcherinfo>""", "watcherinfo: duplicate watcher id")]
    [InlineData("""<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="0" state="full"><watcher-list resource="sip:a@x" package="presence"><watcher id="1" status="active" event="approved"><uri>sip:b@x</uri></watcher></watcher-list></watcherinfo>""", "watcherinfo: watcher with child elements")]
    [InlineData("""<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="0" state="full"><watchers/></watcherinfo>""", "watcherinfo: unknown element")]
    [InlineData("""<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="0" state="full">""", "watcherinfo: not well-formed XML")]
    [InlineData("""<!DOCTYPE watcherinfo [<!ENTITY a "aaaaaaaaaa">]><watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="0" state="full"/>""", "watcherinfo: DTD not allowed")]
    public void Invalid_documents_are_rejected_with_a_reason(string text, string reason)
    {
        Assert.Equal(reason, Assert.Throws<PresenceDocumentException>(() => ParseWatcherInfo(text)).Reason);
    }

    [Fact]
    public void Limits_apply_to_watcherinfo_too()
    {
        var many = """<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="0" state="full">"""
            + string.Concat(Enumerable.Range(0, 5).Select(i => $"""<watcher-list resource="sip:r{i}@x" package="presence"/>"""))
            + "</watcherinfo>";

        Assert.Equal(5, ParseWatcherInfo(many).Lists.Count);
        Assert.Equal("watcherinfo: too many elements", Assert.Throws<PresenceDocumentException>(() => ParseWatcherInfo(many, new PresenceLimits { MaxElements = 5 })).Reason);
        Assert.Equal("watcherinfo: nesting too deep", Assert.Throws<PresenceDocumentException>(() => ParseWatcherInfo(many, new PresenceLimits { MaxDepth = 1 })).Reason);
        Assert.Equal("watcherinfo: document too large", Assert.Throws<PresenceDocumentException>(() => ParseWatcherInfo(many, new PresenceLimits { MaxDocumentBytes = 64 })).Reason);
    }

    public static TheoryData<WatcherInfoDocument> InvalidDocuments
    {
        get
        {
            var ok = new Watcher("w", "sip:w@x", WatcherStatus.Active, WatcherEvent.Approved, null, null, null);
            static WatcherInfoDocument Doc(params Watcher[] watchers) =>
                new(0, WatcherInfoState.Full, [new WatcherList("sip:r@x", "presence", watchers)]);
            return new TheoryData<WatcherInfoDocument>
            {
                Doc(ok) with { Version = -1 },
                Doc(ok) with { State = (WatcherInfoState)9 },
                Doc(ok, ok),
                Doc(ok with { Id = string.Empty }),
                Doc(ok with { Uri = " sip:w@x" }),
                Doc(ok with { Uri = string.Empty }),
                Doc(ok with { Status = (WatcherStatus)9 }),
                Doc(ok with { Event = (WatcherEvent)9 }),
                Doc(ok with { Expiration = -1 }),
                Doc(ok with { DurationSubscribed = -1 }),
                new(0, WatcherInfoState.Full, [new WatcherList(string.Empty, "presence", [])]),
                new(0, WatcherInfoState.Full, [new WatcherList("sip:r@x", string.Empty, [])]),
                new(0, WatcherInfoState.Full, [new WatcherList("sip:r@x", "presence", []), new WatcherList("sip:r@x", "presence", [])]),
            };
        }
    }

    [Theory]
    [MemberData(nameof(InvalidDocuments))]
    public void Document_that_would_not_read_back_equal_is_refused(WatcherInfoDocument document)
    {
        Assert.ThrowsAny<ArgumentException>(() => WatcherInfo.Write(document));
    }

    private static Gen<Watcher> WatcherGen =>
        from uri in Gen.Elements("sip:a@example.com", "sips:b@example.org", "tel:+1555", "pres:c@example.net")
        from status in Gen.Elements(Enum.GetValues<WatcherStatus>())
        from watcherEvent in Gen.Elements(Enum.GetValues<WatcherEvent>())
        from displayName in Gen.Elements<string?>(null, "", "Ann", " spaced <&> \"name\" ", "Zoë\ttab")
        from duration in Gen.OneOf(Gen.Constant<long?>(null), Gen.Choose(0, int.MaxValue).Select(v => (long?)v), Gen.Constant<long?>(long.MaxValue))
        from expiration in Gen.OneOf(Gen.Constant<long?>(null), Gen.Choose(0, 86400).Select(v => (long?)v))
        select new Watcher("?", uri, status, watcherEvent, displayName, duration, expiration);

    private static Gen<WatcherInfoDocument> DocumentGen =>
        from version in Gen.OneOf(Gen.Choose(0, int.MaxValue).Select(v => (long)v), Gen.Constant(long.MaxValue))
        from state in Gen.Elements(WatcherInfoState.Full, WatcherInfoState.Partial)
        from listCount in Gen.Choose(0, 3)
        from lists in (
            from watchers in Gen.Choose(0, 4).SelectMany(n => WatcherGen.ListOf(n))
            from package in Gen.Elements("presence", "message-summary", "dialog", " spaced ")
            select (watchers, package)).ListOf(listCount)
        select new WatcherInfoDocument(
            version,
            state,
            [.. lists.Select((l, i) => new WatcherList($"sip:resource{i}@example.com", l.package, [.. l.watchers.Select((w, j) => w with { Id = $"id {i}.{j}" })]))]);

    [Property(MaxTest = 300)]
    public Property Parse_of_write_equals_the_document() =>
        Prop.ForAll(Arb.From(DocumentGen), d =>
        {
            var bytes = WatcherInfo.Write(d);
            var reparsed = WatcherInfo.Parse(bytes);
            return reparsed == d && reparsed.GetHashCode() == d.GetHashCode() && bytes.AsSpan().SequenceEqual(WatcherInfo.Write(reparsed));
        });
}
