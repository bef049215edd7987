using System.Xml.Linq;
using FsCheck;
using FsCheck.Fluent;

namespace SimpleActors.Presence.Tests;

/// <summary>
/// Random valid <see cref="PidfDocument"/>s: every field exercised, text with the characters XML
/// escapes, line ends and tabs, non-ASCII; extension trees in several namespaces, the PIDF, data
/// model and RPID ones included below the first level.
/// </summary>
internal static class PidfGenerators
{
    private static readonly string[] Namespaces =
    [
        "urn:example:a", "urn:example:b", "http://ext.example.com/ns#", Pidf.Namespace, Pidf.DataModelNamespace, Pidf.RpidNamespace,
    ];

    private static readonly string[] TopLevelNamespaces = ["urn:example:a", "urn:example:b", "http://ext.example.com/ns#"];

    private static readonly string[] LocalNames = ["x", "item", "note", "basic", "tuple", "a-b", "c.d", "_u", "mood"];

    public static Gen<string> Text =>
        Gen.Elements("", " ", "a", "hello world", "<&>", "\"quoted\" 'single'", "]]>", "line\nbreak", "cr\rlf\r\n", "\ttab", "ü€😀", "  padded  ", "x&amp;y")
            .ArrayOf()
            .Select(parts => string.Concat(parts.Take(4)));

    public static Gen<string> Token => Gen.Elements("a", "b7", "tuple-1", "x.y", "_z", "urn:uuid:1234", "sip:a@example.com", "0", "ü");

    public static Gen<string?> Language => Gen.Elements<string?>(null, "en", "de-CH", "", "x-klingon");

    public static Gen<PidfNote> Note =>
        from text in Text
        from language in Language
        select new PidfNote(text, language);

    public static Gen<IReadOnlyList<T>> Few<T>(Gen<T> item, int max = 3) =>
        Gen.Choose(0, max).SelectMany(n => item.ListOf(n)).Select(l => (IReadOnlyList<T>)l.ToArray());

    public static Gen<DateTimeOffset?> Timestamp =>
        Gen.Frequency(
            (1, Gen.Constant<DateTimeOffset?>(null)),
            (3, from seconds in Gen.Choose(0, int.MaxValue)
                from ticks in Gen.Choose(0, 9_999_999)
                from offsetMinutes in Gen.Elements(0, 0, 60, -300, 330, 840, -720)
                select (DateTimeOffset?)new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)
                    .AddSeconds(seconds).AddTicks(ticks).ToOffset(TimeSpan.FromMinutes(offsetMinutes))));

    public static Gen<XElement> Extension(IReadOnlyList<string> namespaces) => Gen.Sized(size => ExtensionOfSize(namespaces, Math.Min(size, 12) / 4));

    private static Gen<XElement> ExtensionOfSize(IReadOnlyList<string> namespaces, int depth) =>
        from ns in Gen.Elements(namespaces.ToArray())
        from local in Gen.Elements(LocalNames)
        from attributes in Few(Attribute, 2)
        from content in depth <= 0
            ? Gen.OneOf(Text.Select(t => new object[] { t }), Gen.Constant(Array.Empty<object>()))
            : Few(Gen.OneOf(Text.Select(t => (object)t), ExtensionOfSize(Namespaces, depth - 1).Select(e => (object)e)), 3).Select(l => l.ToArray())
        select Build(XName.Get(local, ns), attributes, content);

    private static XElement Build(XName name, IReadOnlyList<XAttribute> attributes, object[] content)
    {
        var element = new XElement(name);
        foreach (var attribute in attributes)
        {
            if (element.Attribute(attribute.Name) is null)
            {
                element.Add(new XAttribute(attribute));
            }
        }

        element.Add(content);
        return element;
    }

    private static Gen<XAttribute> Attribute =>
        from ns in Gen.Elements("", "", "urn:example:attr", Pidf.RpidNamespace)
        from local in Gen.Elements("k", "id", "level", "v-1")
        from value in Text
        select new XAttribute(XName.Get(local, ns), value);

    private static Gen<IReadOnlyList<XElement>> Extensions => Few(Extension(TopLevelNamespaces), 2);

    public static Gen<string> Activity =>
        Gen.OneOf(
            Gen.Elements("away", "on-the-phone", "busy", "meeting", "unknown", "vacation", "sleeping", "in-transit"),
            Text.Select(t => "other:" + t),
            Gen.Elements("{urn:example:sport}climbing", "{urn:example:b}x"));

    public static Gen<PidfDocument> Document =>
        from entity in Gen.Elements("pres:alice@example.com", "sip:bob@example.org", "sips:carol@example.net;transport=tls", "PRES:d%41@example.com")
        from tupleCount in Gen.Choose(0, 3)
        from personCount in Gen.Choose(0, 2)
        from deviceCount in Gen.Choose(0, 2)
        from ids in Gen.Shuffle(Enumerable.Range(0, 7).Select(i => "id" + i).Concat(["a.b", "_c", "d-e", "x:y"]).ToArray())
        from tuples in TupleGen.ListOf(tupleCount)
        from persons in PersonGen.ListOf(personCount)
        from devices in DeviceGen.ListOf(deviceCount)
        from notes in Few(Note)
        from extensions in Extensions
        select new PidfDocument(
            entity,
            [.. tuples.Select((t, i) => t with { Id = ids[i] })],
            [.. persons.Select((p, i) => p with { Id = ids[tupleCount + i] })],
            [.. devices.Select((d, i) => d with { Id = ids[tupleCount + personCount + i] })],
            notes,
            extensions);

    private static Gen<PidfTuple> TupleGen =>
        from basic in Gen.Elements<BasicStatus?>(null, BasicStatus.Open, BasicStatus.Closed)
        from statusExtensions in Extensions
        from contact in Gen.OneOf(
            Gen.Constant<PidfContact?>(null),
            from uri in Gen.Elements("sip:a@example.com", "im:b@example.com", "tel:+15551234567", "mailto:c@example.com?subject=a&b")
            from priority in Gen.OneOf(Gen.Constant<double?>(null), Gen.Choose(0, 1000).Select(p => (double?)(p / 1000.0)))
            select (PidfContact?)new PidfContact(uri, priority))
        from notes in Few(Note)
        from timestamp in Timestamp
        from deviceId in Gen.OneOf(Gen.Constant<string?>(null), Token.Select(t => (string?)t))
        from extensions in Extensions
        select new PidfTuple("?", new PidfStatus(basic, statusExtensions), contact, notes, timestamp, deviceId, extensions);

    private static Gen<PidfPerson> PersonGen =>
        from activities in Few(Activity, 4)
        from notes in Few(Note)
        from timestamp in Timestamp
        from extensions in Few(Extension([Pidf.RpidNamespace, "urn:example:a"]), 3)
        select new PidfPerson("?", activities, notes, timestamp, extensions.Where(e => e.Name.LocalName != "activities").ToArray());

    private static Gen<PidfDevice> DeviceGen =>
        from deviceId in Gen.OneOf(Gen.Constant<string?>(null), Token.Select(t => (string?)t))
        from notes in Few(Note)
        from timestamp in Timestamp
        from extensions in Extensions
        select new PidfDevice("?", deviceId, notes, timestamp, extensions);
}
