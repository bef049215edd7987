using System.Xml.Linq;
using SimpleActors.Presence.Rules;
using static SimpleActors.Presence.Tests.Rules.RulesSamples;

namespace SimpleActors.Presence.Tests.Rules;

/// <summary>RFC 5025 section 3.3: each transformation applied to <see cref="RulesSamples.Pidf"/>.</summary>
public class PresenceFilterTests
{
    private static readonly XNamespace Rpid = Pidf.RpidNamespace;
    private static readonly XNamespace Foo = "urn:vendor-specific:foo-namespace";

    private static readonly PresencePermissions AllComponents = new()
    {
        Services = ComponentSelection.Everything,
        Persons = ComponentSelection.Everything,
        Devices = ComponentSelection.Everything,
    };

    private static PidfDocument Filter(string transformations) =>
        PresenceFilter.Apply(Document(), ParseRules(Rule("r", null, "allow", transformations)).Evaluate("sip:w@example.com", null, Now));

    private static PidfDocument FilterAll(PresencePermissions extra) => PresenceFilter.Apply(Document(), AllComponents.CombineWith(extra));

    private static IEnumerable<XName> PersonExtensions(PidfDocument d) => d.Persons[0].Extensions.Select(e => e.Name);

    [Fact]
    public void Nothing_provided_leaves_the_entity_and_no_component()
    {
        var filtered = PresenceFilter.Apply(Document(), PresencePermissions.None);

        Assert.Equal(PresenceFilter.Nothing("pres:someone@example.com"), filtered);
        Assert.Equal("pres:someone@example.com", filtered.Entity);
        Assert.Empty(filtered.Tuples);
        Assert.Empty(filtered.Persons);
        Assert.Empty(filtered.Devices);
        Assert.Empty(filtered.Notes);
        Assert.Empty(filtered.Extensions);
        Assert.Equal(filtered, Pidf.Parse(Pidf.Write(filtered))); // writable and readable
    }

    [Fact]
    public void Everything_provided_returns_the_document_itself()
    {
        var document = Document();

        Assert.Same(document, PresenceFilter.Apply(document, PresencePermissions.Everything));
    }

    [Fact]
    public void All_components_without_attributes_keeps_ids_status_contact_and_timestamps_only()
    {
        var filtered = FilterAll(PresencePermissions.None);

        Assert.Equal(["sip-tuple", "mail-tuple", "im-tuple"], filtered.Tuples.Select(t => t.Id));
        Assert.Equal(["p1", "p2"], filtered.Persons.Select(p => p.Id));
        Assert.Equal(["pc", "phone"], filtered.Devices.Select(d => d.Id));
        var tuple = filtered.Tuples[0];
        Assert.Equal(BasicStatus.Open, tuple.Status.Basic);
        Assert.Empty(tuple.Status.Extensions);
        Assert.Equal("SIP:someone@PC.example.com", tuple.Contact!.Uri);
        Assert.NotNull(tuple.Timestamp);
        Assert.Null(tuple.DeviceId);
        Assert.Empty(tuple.Notes);
        Assert.Empty(tuple.Extensions);
        Assert.Empty(filtered.Persons[0].Activities);
        Assert.Empty(filtered.Persons[0].Notes);
        Assert.NotNull(filtered.Persons[0].Timestamp);
        Assert.Empty(filtered.Persons[0].Extensions);
        Assert.Equal("urn:uuid:11111111-1111-4111-8111-111111111111", filtered.Devices[0].DeviceId); // a device keeps what names it
        Assert.Empty(filtered.Devices[0].Notes);
        Assert.Empty(filtered.Devices[0].Extensions);
        Assert.Empty(filtered.Notes);
        Assert.Equal(filtered, Pidf.Parse(Pidf.Write(filtered)));
    }

    [Theory]
    [InlineData("<pr:all-services/>", new[] { "sip-tuple", "mail-tuple", "im-tuple" })]
    [InlineData("<pr:service-uri-scheme>sip</pr:service-uri-scheme>", new[] { "sip-tuple" })]
    [InlineData("<pr:service-uri-scheme>MAILTO</pr:service-uri-scheme><pr:service-uri-scheme>im</pr:service-uri-scheme>", new[] { "mail-tuple", "im-tuple" })]
    [InlineData("<pr:service-uri>sip:someone@pc.EXAMPLE.com</pr:service-uri>", new[] { "sip-tuple" })]
    [InlineData("<pr:service-uri>sip:SOMEONE@pc.example.com</pr:service-uri>", new string[0])]
    [InlineData("<pr:occurrence-id>mail-tuple</pr:occurrence-id>", new[] { "mail-tuple" })]
    [InlineData("<pr:class>forwarded</pr:class><pr:class>assistant</pr:class>", new[] { "sip-tuple", "im-tuple" })]
    [InlineData("<pr:deviceID>urn:uuid:11111111-1111-4111-8111-111111111111</pr:deviceID>", new string[0])]
    public void Provide_services_keeps_the_tuples_it_names(string selection, string[] ids)
    {
        var filtered = Filter($"<pr:provide-services>{selection}</pr:provide-services>");

        Assert.Equal(ids, filtered.Tuples.Select(t => t.Id));
        Assert.Empty(filtered.Persons);
        Assert.Empty(filtered.Devices);
    }

    [Theory]
    [InlineData("<pr:all-persons/>", new[] { "p1", "p2" })]
    [InlineData("<pr:occurrence-id>p2</pr:occurrence-id>", new[] { "p2" })]
    [InlineData("<pr:class>family</pr:class>", new[] { "p1" })]
    [InlineData("<pr:service-uri-scheme>sip</pr:service-uri-scheme>", new string[0])]
    public void Provide_persons_keeps_the_persons_it_names(string selection, string[] ids)
    {
        var filtered = Filter($"<pr:provide-persons>{selection}</pr:provide-persons>");

        Assert.Equal(ids, filtered.Persons.Select(p => p.Id));
        Assert.Empty(filtered.Tuples);
    }

    [Theory]
    [InlineData("<pr:all-devices/>", new[] { "pc", "phone" })]
    [InlineData("<pr:occurrence-id>phone</pr:occurrence-id>", new[] { "phone" })]
    [InlineData("<pr:class>desk</pr:class>", new[] { "pc" })]
    [InlineData("<pr:deviceID>urn:uuid:22222222-2222-4222-8222-222222222222</pr:deviceID>", new[] { "phone" })]
    public void Provide_devices_keeps_the_devices_it_names(string selection, string[] ids)
    {
        var filtered = Filter($"<pr:provide-devices>{selection}</pr:provide-devices>");

        Assert.Equal(ids, filtered.Devices.Select(d => d.Id));
        Assert.Empty(filtered.Tuples);
    }

    [Fact]
    public void Provide_activities_keeps_the_person_activities()
    {
        Assert.Equal(["meeting"], FilterAll(new() { Attributes = ProvidedAttributes.Activities }).Persons[0].Activities);
    }

    [Theory]
    [InlineData(ProvidedAttributes.Mood, "mood")]
    [InlineData(ProvidedAttributes.PlaceIs, "place-is")]
    [InlineData(ProvidedAttributes.PlaceType, "place-type")]
    [InlineData(ProvidedAttributes.Privacy, "privacy")]
    [InlineData(ProvidedAttributes.Sphere, "sphere")]
    [InlineData(ProvidedAttributes.StatusIcon, "status-icon")]
    [InlineData(ProvidedAttributes.TimeOffset, "time-offset")]
    [InlineData(ProvidedAttributes.Class, "class")]
    public void Each_person_attribute_is_kept_by_its_own_permission_alone(ProvidedAttributes attribute, string element)
    {
        var filtered = FilterAll(new() { Attributes = attribute });

        Assert.Equal([Rpid + element], PersonExtensions(filtered));
        Assert.Empty(filtered.Persons[0].Activities);
    }

    [Fact]
    public void Provide_relationship_and_class_are_kept_in_tuples_too()
    {
        var filtered = FilterAll(new() { Attributes = ProvidedAttributes.Relationship | ProvidedAttributes.Class });

        Assert.Equal([Rpid + "class", Rpid + "relationship"], filtered.Tuples[0].Extensions.Select(e => e.Name));
        Assert.Equal([Rpid + "class"], filtered.Devices[0].Extensions.Select(e => e.Name));
    }

    [Fact]
    public void Provide_device_id_keeps_the_tuple_device_id()
    {
        Assert.Equal("urn:uuid:11111111-1111-4111-8111-111111111111", FilterAll(new() { Attributes = ProvidedAttributes.DeviceId }).Tuples[0].DeviceId);
    }

    [Fact]
    public void Provide_note_keeps_notes_everywhere_and_notes_inside_attributes_need_it()
    {
        var notes = FilterAll(new() { Attributes = ProvidedAttributes.Note | ProvidedAttributes.Mood });

        Assert.Equal(["Presence-level note"], notes.Notes.Select(n => n.Text));
        Assert.Equal(["Phone service"], notes.Tuples[0].Notes.Select(n => n.Text));
        Assert.Equal(["In a meeting"], notes.Persons[0].Notes.Select(n => n.Text));
        Assert.Equal(["Office PC"], notes.Devices[0].Notes.Select(n => n.Text));
        Assert.Equal("grumpy", notes.Persons[0].Extensions.Single().Element(Rpid + "note")?.Value);

        var mood = FilterAll(new() { Attributes = ProvidedAttributes.Mood }).Persons[0].Extensions.Single();
        Assert.Null(mood.Element(Rpid + "note"));
        Assert.NotNull(mood.Element(Rpid + "sad"));
    }

    [Fact]
    public void Provide_user_input_false_bare_thresholds_and_full()
    {
        static XElement? TupleUserInput(UserInputDisclosure level) =>
            FilterAll(new() { UserInput = level }).Tuples[0].Extensions.SingleOrDefault(e => e.Name == Rpid + "user-input");

        Assert.Null(TupleUserInput(UserInputDisclosure.None));

        var bare = TupleUserInput(UserInputDisclosure.Bare)!;
        Assert.Equal("idle", bare.Value);
        Assert.Empty(bare.Attributes());

        var thresholds = TupleUserInput(UserInputDisclosure.Thresholds)!;
        Assert.Equal("600", thresholds.Attribute("idle-threshold")?.Value);
        Assert.Null(thresholds.Attribute("last-input"));

        var full = TupleUserInput(UserInputDisclosure.Full)!;
        Assert.Equal("2005-05-01T09:00:00Z", full.Attribute("last-input")?.Value);
        Assert.Equal("600", full.Attribute("idle-threshold")?.Value);
    }

    [Fact]
    public void Filtering_does_not_change_the_composed_document()
    {
        var document = Document();
        var before = Pidf.Write(document);

        _ = PresenceFilter.Apply(document, AllComponents.CombineWith(new() { UserInput = UserInputDisclosure.Bare, Attributes = ProvidedAttributes.Mood }));

        Assert.Equal(before, Pidf.Write(document));
    }

    [Fact]
    public void Provide_unknown_attribute_keeps_that_element_by_namespace_and_name_status_extensions_included()
    {
        var filtered = Filter("""
            <pr:provide-services><pr:all-services/></pr:provide-services>
            <pr:provide-persons><pr:all-persons/></pr:provide-persons>
            <pr:provide-unknown-attribute ns="urn:vendor-specific:foo-namespace" name="foo">true</pr:provide-unknown-attribute>
            """);

        Assert.Equal([Foo + "foo"], PersonExtensions(filtered));
        Assert.Equal([Foo + "foo"], filtered.Tuples[0].Status.Extensions.Select(e => e.Name));
    }

    [Fact]
    public void Provide_unknown_attribute_cannot_reveal_an_attribute_another_permission_covers()
    {
        var filtered = Filter("""
            <pr:provide-persons><pr:all-persons/></pr:provide-persons>
            <pr:provide-unknown-attribute ns="urn:ietf:params:xml:ns:pidf:rpid" name="mood">true</pr:provide-unknown-attribute>
            """);

        Assert.Empty(PersonExtensions(filtered));
    }

    [Fact]
    public void Provide_all_attributes_keeps_every_attribute_of_the_provided_components()
    {
        var filtered = Filter("<pr:provide-persons><pr:occurrence-id>p1</pr:occurrence-id></pr:provide-persons><pr:provide-all-attributes/>");

        var original = Document().Persons[0];
        Assert.Equal(original, Assert.Single(filtered.Persons));
        Assert.Empty(filtered.Tuples);
        Assert.Equal(Document().Notes, filtered.Notes);
    }
}
