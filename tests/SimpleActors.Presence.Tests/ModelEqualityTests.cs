using System.Xml.Linq;

namespace SimpleActors.Presence.Tests;

public class ModelEqualityTests
{
    private static readonly XNamespace X = "urn:example:x";

    [Fact]
    public void Documents_with_equal_contents_in_different_lists_are_equal()
    {
        var a = new PidfDocument("pres:a@example.com", new List<PidfTuple> { Tuple("t") }, [], [], new List<PidfNote> { new("n", "en") }, []);
        var b = new PidfDocument("pres:a@example.com", [Tuple("t")], [], [], [new PidfNote("n", "en")], []);

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Any_difference_makes_documents_unequal()
    {
        var baseline = new PidfDocument("pres:a@example.com", [Tuple("t")], [new PidfPerson("p", ["away"], [], null, [])], [], [], []);

        Assert.NotEqual(baseline, baseline with { Tuples = [Tuple("u")] });
        Assert.NotEqual(baseline, baseline with { Tuples = [Tuple("t"), Tuple("u")] });
        Assert.NotEqual(baseline, baseline with { Persons = [new PidfPerson("p", ["busy"], [], null, [])] });
        Assert.NotEqual(baseline, baseline with { Persons = [] });
        Assert.NotEqual(baseline, baseline with { Notes = [new PidfNote("n", null)] });
        Assert.NotEqual(baseline, baseline with { Extensions = [new XElement(X + "e")] });
    }

    [Fact]
    public void List_order_matters()
    {
        var a = new PidfDocument("pres:a@example.com", [Tuple("t"), Tuple("u")], [], [], [], []);
        var b = new PidfDocument("pres:a@example.com", [Tuple("u"), Tuple("t")], [], [], [], []);

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Extensions_compare_by_content_ignoring_namespace_declarations_comments_and_indentation()
    {
        var plain = new XElement(X + "e", new XAttribute("k", "v"), new XElement(X + "f", "text"));
        var decorated = XElement.Parse("""
            <p:e xmlns:p="urn:example:x" k="v">
              <!-- comment -->
              <p:f>te<![CDATA[xt]]></p:f>
            </p:e>
            """);

        var a = new PidfStatus(BasicStatus.Open, [plain]);
        var b = new PidfStatus(BasicStatus.Open, [decorated]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new PidfStatus(BasicStatus.Open, [new XElement(X + "e", new XAttribute("k", "w"), new XElement(X + "f", "text"))]));
    }

    [Fact]
    public void The_model_does_not_change_when_the_callers_list_or_element_does()
    {
        var notes = new List<PidfNote> { new("n", null) };
        var element = new XElement(X + "e", "before");
        var tuple = new PidfTuple("t", new PidfStatus(null, []), null, notes, null, null, [element]);

        notes.Add(new PidfNote("later", null));
        element.Value = "after";

        Assert.Single(tuple.Notes);
        Assert.Equal("before", tuple.Extensions[0].Value);
        Assert.False(tuple.Notes is List<PidfNote>);
    }

    [Fact]
    public void With_expression_copies_lists_too()
    {
        var notes = new List<PidfNote> { new("n", null) };
        var person = new PidfPerson("p", [], [], null, []) with { Notes = notes };

        notes.Clear();

        Assert.Single(person.Notes);
    }

    [Fact]
    public void Null_lists_and_items_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => new PidfDocument("pres:a@example.com", null!, [], [], [], []));
        Assert.Throws<ArgumentException>(() => new PidfDocument("pres:a@example.com", [null!], [], [], [], []));
        Assert.Throws<ArgumentException>(() => new PidfStatus(null, [null!]));
    }

    [Fact]
    public void Watcher_lists_compare_by_sequence()
    {
        var w = new Watcher("1", "sip:a@x", WatcherStatus.Active, WatcherEvent.Approved, null, null, null);
        var a = new WatcherInfoDocument(1, WatcherInfoState.Full, [new WatcherList("sip:r@x", "presence", new List<Watcher> { w })]);
        var b = new WatcherInfoDocument(1, WatcherInfoState.Full, [new WatcherList("sip:r@x", "presence", [w])]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Version = 2 });
        Assert.NotEqual(a, b with { Lists = [new WatcherList("sip:r@x", "presence", [w, w with { Id = "2" }])] });
    }

    [Fact]
    public void Closed_document_has_one_closed_tuple_and_nothing_else()
    {
        var closed = Pidf.Closed("pres:a@example.com");

        Assert.Equal("pres:a@example.com", closed.Entity);
        var tuple = Assert.Single(closed.Tuples);
        Assert.Equal("closed", tuple.Id);
        Assert.Equal(new PidfStatus(BasicStatus.Closed, []), tuple.Status);
        Assert.Null(tuple.Contact);
        Assert.Null(tuple.Timestamp);
        Assert.Empty(tuple.Notes);
        Assert.Empty(closed.Persons);
        Assert.Empty(closed.Devices);
        Assert.Equal(closed, Pidf.Closed("pres:a@example.com"));
        Assert.Equal(closed, Pidf.Parse(Pidf.Write(closed)));
        Assert.Throws<ArgumentException>(() => Pidf.Closed("a@example.com"));
    }

    private static PidfTuple Tuple(string id) => new(id, new PidfStatus(BasicStatus.Open, []), null, [], null, null, []);
}
