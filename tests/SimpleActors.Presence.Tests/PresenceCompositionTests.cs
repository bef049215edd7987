using System.Xml.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static SimpleActors.Presence.PresenceComposition;

namespace SimpleActors.Presence.Tests;

public class PresenceCompositionTests
{
    private const string Entity = "sip:alice@example.com";
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static PidfTuple Tuple(string id, BasicStatus basic, string? contact = null, DateTimeOffset? timestamp = null) =>
        new(id, new PidfStatus(basic, []), contact is null ? null : new PidfContact(contact, null), [], timestamp, null, []);

    private static PidfPerson Person(string id, params string[] activities) => new(id, activities, [], null, []);

    private static PidfDocument Doc(
        IReadOnlyList<PidfTuple>? tuples = null,
        IReadOnlyList<PidfPerson>? persons = null,
        IReadOnlyList<PidfDevice>? devices = null,
        IReadOnlyList<PidfNote>? notes = null,
        IReadOnlyList<XElement>? extensions = null,
        string entity = "pres:alice@example.com") =>
        new(entity, tuples ?? [], persons ?? [], devices ?? [], notes ?? [], extensions ?? []);

    [Fact]
    public void No_publication_gives_the_closed_document()
    {
        var composed = Compose(Entity, []);

        Assert.Equal(Pidf.Closed(Entity), composed);
        var tuple = Assert.Single(composed.Tuples);
        Assert.Equal(BasicStatus.Closed, tuple.Status.Basic);
        Assert.Equal(Entity, composed.Entity);
    }

    [Fact]
    public void Two_devices_with_different_tuples_are_both_shown_oldest_first()
    {
        var phone = new ComposedPublication("etag-phone", Doc([Tuple("phone", BasicStatus.Open, "sip:alice@phone")]), T0.AddMinutes(5));
        var desk = new ComposedPublication("etag-desk", Doc([Tuple("desk", BasicStatus.Closed, "sip:alice@desk")]), T0);

        var composed = Compose(Entity, [phone, desk]);

        Assert.Equal(["desk", "phone"], composed.Tuples.Select(t => t.Id));
        Assert.Equal(BasicStatus.Closed, composed.Tuples[0].Status.Basic);
        Assert.Equal("sip:alice@phone", composed.Tuples[1].Contact!.Uri);
    }

    [Fact]
    public void Same_tuple_id_is_taken_from_the_later_publication()
    {
        var older = new ComposedPublication("a", Doc([Tuple("shared", BasicStatus.Open, "sip:old@x", T0), Tuple("only-old", BasicStatus.Open)]), T0);
        var newer = new ComposedPublication("b", Doc([Tuple("shared", BasicStatus.Closed, "sip:new@x", T0.AddHours(-1))]), T0.AddSeconds(1));

        var composed = Compose(Entity, [newer, older]);

        Assert.Equal(["only-old", "shared"], composed.Tuples.Select(t => t.Id));
        var shared = composed.Tuples[1];
        Assert.Equal(BasicStatus.Closed, shared.Status.Basic);
        Assert.Equal("sip:new@x", shared.Contact!.Uri);
        Assert.Equal(T0.AddHours(-1), shared.Timestamp); // the element's own timestamp, not the publication time
    }

    [Fact]
    public void Person_comes_from_the_most_recent_publication()
    {
        var older = new ComposedPublication("a", Doc(persons: [Person("me", "busy")]), T0);
        var newer = new ComposedPublication("b", Doc(persons: [Person("me", "away")]), T0.AddMinutes(1));

        var composed = Compose(Entity, [older, newer]);

        Assert.Equal(["away"], Assert.Single(composed.Persons).Activities);
        Assert.Equal(["away"], Assert.Single(Compose(Entity, [newer, older]).Persons).Activities);
    }

    [Fact]
    public void Persons_with_different_ids_are_all_kept()
    {
        var a = new ComposedPublication("a", Doc(persons: [Person("p-a", "busy")]), T0);
        var b = new ComposedPublication("b", Doc(persons: [Person("p-b", "away")]), T0.AddMinutes(1));

        Assert.Equal(["p-a", "p-b"], Compose(Entity, [b, a]).Persons.Select(p => p.Id));
    }

    [Fact]
    public void Devices_are_merged_by_id_like_tuples()
    {
        var older = new ComposedPublication("a", Doc(devices: [new PidfDevice("d1", "urn:old", [], null, []), new PidfDevice("d2", "urn:two", [], null, [])]), T0);
        var newer = new ComposedPublication("b", Doc(devices: [new PidfDevice("d1", "urn:new", [], null, [])]), T0.AddMinutes(1));

        var composed = Compose(Entity, [older, newer]);

        Assert.Equal(["d2", "d1"], composed.Devices.Select(d => d.Id));
        Assert.Equal("urn:new", composed.Devices[1].DeviceId);
    }

    [Fact]
    public void An_id_is_one_space_across_tuples_persons_and_devices()
    {
        var older = new ComposedPublication("a", Doc([Tuple("x", BasicStatus.Open)]), T0);
        var newer = new ComposedPublication("b", Doc(persons: [Person("x", "away")]), T0.AddMinutes(1));

        var composed = Compose(Entity, [older, newer]);

        Assert.Empty(composed.Tuples);
        Assert.Equal("x", Assert.Single(composed.Persons).Id);
        Assert.Equal(composed, Pidf.Parse(Pidf.Write(composed))); // still a valid document
    }

    [Fact]
    public void Presence_notes_and_extensions_come_from_the_latest_publication_that_has_them()
    {
        var ext = new XElement(XName.Get("geo", "urn:example:geo"), "52.1,4.3");
        var oldest = new ComposedPublication("a", Doc(notes: [new PidfNote("old note", null)], extensions: [ext]), T0);
        var middle = new ComposedPublication("b", Doc(notes: [new PidfNote("newer note", "en")]), T0.AddMinutes(1));
        var newest = new ComposedPublication("c", Doc([Tuple("t", BasicStatus.Open)]), T0.AddMinutes(2));

        var composed = Compose(Entity, [newest, oldest, middle]);

        Assert.Equal([new PidfNote("newer note", "en")], composed.Notes);
        Assert.Equal("52.1,4.3", Assert.Single(composed.Extensions).Value);
    }

    [Fact]
    public void Entity_of_the_result_is_the_argument_not_the_publications()
    {
        var p = new ComposedPublication("a", Doc([Tuple("t", BasicStatus.Open)], entity: "pres:someone-else@example.com"), T0);

        Assert.Equal(Entity, Compose(Entity, [p]).Entity);
    }

    [Fact]
    public void Equal_instants_are_ordered_by_entity_tag()
    {
        var first = new ComposedPublication("aaa", Doc([Tuple("t", BasicStatus.Open, "sip:from-aaa@x"), Tuple("u", BasicStatus.Open)]), T0);
        var second = new ComposedPublication("bbb", Doc([Tuple("t", BasicStatus.Closed, "sip:from-bbb@x")]), T0);

        var one = Compose(Entity, [first, second]);
        var other = Compose(Entity, [second, first]);

        Assert.Equal(one, other);
        Assert.Equal(["u", "t"], one.Tuples.Select(t => t.Id));
        Assert.Equal("sip:from-bbb@x", one.Tuples[1].Contact!.Uri);
    }

    [Fact]
    public void Order_follows_publication_time_then_document_order()
    {
        var late = new ComposedPublication("z", Doc([Tuple("z2", BasicStatus.Open), Tuple("z1", BasicStatus.Open)]), T0.AddMinutes(3));
        var early = new ComposedPublication("y", Doc([Tuple("y2", BasicStatus.Open), Tuple("y1", BasicStatus.Open)]), T0);

        Assert.Equal(["y2", "y1", "z2", "z1"], Compose(Entity, [late, early]).Tuples.Select(t => t.Id));
    }

    [Fact]
    public void Single_publication_is_returned_with_the_given_entity()
    {
        var document = Pidf.Parse(Text.Utf8(Documents.PidfSamples.Rpid));
        var p = new ComposedPublication("a", document, T0);

        Assert.Equal(document with { Entity = Entity }, Compose(Entity, [p]));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Compose("alice@example.com", []));
        Assert.Throws<ArgumentNullException>(() => Compose(Entity, null!));
        Assert.Throws<ArgumentException>(() => Compose(Entity, [null!]));
    }

    [Property(MaxTest = 150)]
    public Property Composition_is_independent_of_the_list_order_and_writes_a_valid_document() =>
        Prop.ForAll(
            Arb.From(
                from documents in PidfGenerators.Document.ListOf(4)
                from minutes in Gen.Choose(0, 3).ListOf(4)
                from tags in Gen.Shuffle(new[] { "e1", "e2", "e3", "e4" })
                from order in Gen.Shuffle(new[] { 0, 1, 2, 3 })
                select (documents, minutes, tags, order)),
            t =>
            {
                var publications = Enumerable.Range(0, 4)
                    .Select(i => new ComposedPublication(t.tags[i], t.documents[i], T0.AddMinutes(t.minutes[i])))
                    .ToArray();
                var composed = Compose(Entity, publications);
                var shuffled = Compose(Entity, t.order.Select(i => publications[i]).ToArray());
                var ids = composed.Tuples.Select(x => x.Id).Concat(composed.Persons.Select(x => x.Id)).Concat(composed.Devices.Select(x => x.Id)).ToList();
                return composed == shuffled
                    && ids.Count == ids.Distinct(StringComparer.Ordinal).Count()
                    && Pidf.Parse(Pidf.Write(composed)) == composed;
            });
}
