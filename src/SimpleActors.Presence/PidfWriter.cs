using System.Xml;
using System.Xml.Linq;
using SimpleActors.Presence.Xml;
using static SimpleActors.Presence.PidfNames;

namespace SimpleActors.Presence;

/// <summary>
/// Writes a <see cref="PidfDocument"/> in the order the schemas give (RFC 3863 section 4.1,
/// RFC 4479): tuples (status, deviceID and extensions, contact, notes, timestamp), presence notes,
/// persons, devices, presence extensions.
/// </summary>
internal static class PidfWriter
{
    public static byte[] Write(PidfDocument document)
    {
        PidfModelRules.ThrowIfInvalid(document);
        return PresenceXmlWriter.Write(document, WritePresence);
    }

    private static void WritePresence(XmlWriter writer, PidfDocument document)
    {
        writer.WriteStartElement("presence", PidfNs.NamespaceName);
        writer.WriteAttributeString("xmlns", PidfNs.NamespaceName);
        if (UsesDataModel(document))
        {
            writer.WriteAttributeString("xmlns", "dm", null, DmNs.NamespaceName);
        }

        if (UsesRpid(document))
        {
            writer.WriteAttributeString("xmlns", "rpid", null, RpidNs.NamespaceName);
        }

        // Every other namespace of the extensions is declared once, here: left to the writer it would be declared again on
        // each element that uses it, and a document of many small elements in one long namespace would grow without bound
        // when written (found by fuzzing, docs/reliability.md).
        var prefix = 0;
        foreach (var ns in ExtensionNamespaces(document))
        {
            writer.WriteAttributeString("xmlns", "ns" + (++prefix).ToString(System.Globalization.CultureInfo.InvariantCulture), null, ns.NamespaceName);
        }

        writer.WriteAttributeString("entity", document.Entity);
        foreach (var tuple in document.Tuples)
        {
            WriteTuple(writer, tuple);
        }

        WriteNotes(writer, document.Notes, NoteName);
        foreach (var person in document.Persons)
        {
            WritePerson(writer, person);
        }

        foreach (var device in document.Devices)
        {
            WriteDevice(writer, device);
        }

        WriteExtensions(writer, document.Extensions);
        writer.WriteEndElement();
    }

    private static void WriteTuple(XmlWriter writer, PidfTuple tuple)
    {
        writer.WriteStartElement("tuple", PidfNs.NamespaceName);
        writer.WriteAttributeString("id", tuple.Id);

        writer.WriteStartElement("status", PidfNs.NamespaceName);
        if (tuple.Status.Basic is { } basic)
        {
            writer.WriteElementString("basic", PidfNs.NamespaceName, basic == BasicStatus.Open ? "open" : "closed");
        }

        WriteExtensions(writer, tuple.Status.Extensions);
        writer.WriteEndElement();

        if (tuple.DeviceId is not null)
        {
            writer.WriteElementString("dm", "deviceID", DmNs.NamespaceName, tuple.DeviceId);
        }

        WriteExtensions(writer, tuple.Extensions);
        if (tuple.Contact is { } contact)
        {
            writer.WriteStartElement("contact", PidfNs.NamespaceName);
            if (contact.Priority is { } priority)
            {
                writer.WriteAttributeString("priority", Qvalue.Format(priority));
            }

            writer.WriteString(contact.Uri);
            writer.WriteEndElement();
        }

        WriteNotes(writer, tuple.Notes, NoteName);
        WriteTimestamp(writer, tuple.Timestamp, TimestampName);
        writer.WriteEndElement();
    }

    private static void WritePerson(XmlWriter writer, PidfPerson person)
    {
        writer.WriteStartElement("dm", "person", DmNs.NamespaceName);
        writer.WriteAttributeString("id", person.Id);
        if (person.Activities.Count > 0)
        {
            writer.WriteStartElement("rpid", "activities", RpidNs.NamespaceName);
            foreach (var activity in person.Activities)
            {
                WriteActivity(writer, activity);
            }

            writer.WriteEndElement();
        }

        WriteExtensions(writer, person.Extensions);
        WriteNotes(writer, person.Notes, DmNoteName);
        WriteTimestamp(writer, person.Timestamp, DmTimestampName);
        writer.WriteEndElement();
    }

    private static void WriteActivity(XmlWriter writer, string activity)
    {
        if (activity.StartsWith(OtherActivityPrefix, StringComparison.Ordinal))
        {
            writer.WriteElementString("rpid", "other", RpidNs.NamespaceName, activity[OtherActivityPrefix.Length..]);
        }
        else if (activity.StartsWith('{'))
        {
            var name = XName.Get(activity);
            writer.WriteStartElement(null, name.LocalName, name.NamespaceName);
            writer.WriteEndElement();
        }
        else
        {
            writer.WriteStartElement("rpid", activity, RpidNs.NamespaceName);
            writer.WriteEndElement();
        }
    }

    private static void WriteDevice(XmlWriter writer, PidfDevice device)
    {
        writer.WriteStartElement("dm", "device", DmNs.NamespaceName);
        writer.WriteAttributeString("id", device.Id);
        WriteExtensions(writer, device.Extensions);
        if (device.DeviceId is not null)
        {
            writer.WriteElementString("dm", "deviceID", DmNs.NamespaceName, device.DeviceId);
        }

        WriteNotes(writer, device.Notes, DmNoteName);
        WriteTimestamp(writer, device.Timestamp, DmTimestampName);
        writer.WriteEndElement();
    }

    private static void WriteNotes(XmlWriter writer, IReadOnlyList<PidfNote> notes, XName name)
    {
        foreach (var note in notes)
        {
            writer.WriteStartElement(PrefixOf(name), name.LocalName, name.NamespaceName);
            if (note.Language is not null)
            {
                writer.WriteAttributeString("xml", "lang", XNamespace.Xml.NamespaceName, note.Language);
            }

            writer.WriteString(note.Text);
            writer.WriteEndElement();
        }
    }

    private static void WriteTimestamp(XmlWriter writer, DateTimeOffset? timestamp, XName name)
    {
        if (timestamp is { } value)
        {
            writer.WriteElementString(PrefixOf(name), name.LocalName, name.NamespaceName, XsDateTime.Format(value));
        }
    }

    private static void WriteExtensions(XmlWriter writer, IReadOnlyList<XElement> extensions)
    {
        foreach (var extension in extensions)
        {
            extension.WriteTo(writer);
        }
    }

    private static string? PrefixOf(XName name) => name.Namespace == DmNs ? "dm" : null;

    private static bool UsesDataModel(PidfDocument document) =>
        document.Persons.Count > 0
        || document.Devices.Count > 0
        || document.Tuples.Any(static t => t.DeviceId is not null)
        || AnyExtension(document, DmNs);

    private static bool UsesRpid(PidfDocument document) =>
        document.Persons.Any(static p => p.Activities.Count > 0) || AnyExtension(document, RpidNs);

    private static bool AnyExtension(PidfDocument document, XNamespace ns) =>
        Uses(document.Extensions, ns)
        || document.Tuples.Any(t => Uses(t.Extensions, ns) || Uses(t.Status.Extensions, ns))
        || document.Persons.Any(p => Uses(p.Extensions, ns))
        || document.Devices.Any(d => Uses(d.Extensions, ns));

    /// <summary>The namespaces of the extension elements and attributes other than PIDF's, the data model's, RPID's and xml, in document order.</summary>
    private static IEnumerable<XNamespace> ExtensionNamespaces(PidfDocument document) =>
        document.Tuples.SelectMany(t => t.Status.Extensions.Concat(t.Extensions))
            .Concat(document.Persons.SelectMany(p => p.Extensions))
            .Concat(document.Devices.SelectMany(d => d.Extensions))
            .Concat(document.Extensions)
            .SelectMany(e => e.DescendantsAndSelf())
            .SelectMany(e => e.Attributes().Select(a => a.Name.Namespace).Prepend(e.Name.Namespace))
            .Where(ns => ns != XNamespace.None && ns != PidfNs && ns != DmNs && ns != RpidNs && ns != XNamespace.Xml)
            .Distinct();

    private static bool Uses(IReadOnlyList<XElement> extensions, XNamespace ns) =>
        extensions.Any(e => CanonicalXml.UsesNamespace(e, ns));
}
