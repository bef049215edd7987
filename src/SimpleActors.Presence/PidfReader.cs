using System.Xml.Linq;
using SimpleActors.Presence.Xml;
using static SimpleActors.Presence.PidfNames;

namespace SimpleActors.Presence;

/// <summary>
/// From a securely loaded element tree to a <see cref="PidfDocument"/>, enforcing the rules of
/// RFC 3863 section 4.1 and the data model's (RFC 4479). Elements are matched by namespace and local
/// name, whatever their prefix. Text between structural elements is ignored.
/// </summary>
internal static class PidfReader
{
    public static PidfDocument Read(XElement root)
    {
        // RFC 3863 section 4.1.1: the root is <presence> in the PIDF namespace, with an entity URI.
        if (root.Name != PresenceName)
        {
            PresenceDocumentError.Throw("PIDF: root is not a pidf presence element");
        }

        var entityAttribute = root.Attribute(EntityAttribute) ?? PresenceDocumentError.Throw<XAttribute>("PIDF: presence without entity");
        var entity = CanonicalXml.TrimXmlWhitespace(entityAttribute.Value);
        if (!PresentityUri.IsValid(entity))
        {
            PresenceDocumentError.Throw("PIDF: entity is not a pres, sip or sips URI");
        }

        // RFC 3863 section 4.1.2 (tuple ids) and RFC 4479 (person and device ids): xs:ID, unique in the document.
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var tuples = new List<PidfTuple>();
        var persons = new List<PidfPerson>();
        var devices = new List<PidfDevice>();
        var notes = new List<PidfNote>();
        var extensions = new List<XElement>();
        foreach (var child in root.Elements())
        {
            if (child.Name == TupleName)
            {
                tuples.Add(ReadTuple(child, ids));
            }
            else if (child.Name == NoteName)
            {
                notes.Add(ReadNote(child));
            }
            else if (child.Name == PersonName)
            {
                persons.Add(ReadPerson(child, ids));
            }
            else if (child.Name == DeviceName)
            {
                devices.Add(ReadDevice(child, ids));
            }
            else if (child.Name.Namespace == PidfNs)
            {
                PresenceDocumentError.Throw("PIDF: unknown pidf element in presence");
            }
            else
            {
                extensions.Add(child);
            }
        }

        return new PidfDocument(entity, tuples, persons, devices, notes, extensions);
    }

    private static PidfTuple ReadTuple(XElement tuple, HashSet<string> ids)
    {
        var id = ReadId(tuple, ids, "PIDF: tuple without id");
        PidfStatus? status = null;
        PidfContact? contact = null;
        DateTimeOffset? timestamp = null;
        string? deviceId = null;
        var notes = new List<PidfNote>();
        var extensions = new List<XElement>();
        foreach (var child in tuple.Elements())
        {
            if (child.Name == StatusName)
            {
                // RFC 3863 section 4.1.3: exactly one status per tuple.
                if (status is not null)
                {
                    PresenceDocumentError.Throw("PIDF: tuple with more than one status");
                }

                status = ReadStatus(child);
            }
            else if (child.Name == ContactName)
            {
                if (contact is not null)
                {
                    PresenceDocumentError.Throw("PIDF: tuple with more than one contact");
                }

                contact = ReadContact(child);
            }
            else if (child.Name == NoteName)
            {
                notes.Add(ReadNote(child));
            }
            else if (child.Name == TimestampName)
            {
                timestamp = ReadTimestamp(child, timestamp);
            }
            else if (child.Name.Namespace == PidfNs)
            {
                PresenceDocumentError.Throw("PIDF: unknown pidf element in tuple");
            }
            else if (child.Name == DeviceIdName && deviceId is null)
            {
                deviceId = ReadDeviceId(child);
            }
            else
            {
                extensions.Add(child);
            }
        }

        if (status is null)
        {
            PresenceDocumentError.Throw("PIDF: tuple without status");
        }

        return new PidfTuple(id, status, contact, notes, timestamp, deviceId, extensions);
    }

    private static PidfStatus ReadStatus(XElement status)
    {
        BasicStatus? basic = null;
        var extensions = new List<XElement>();
        foreach (var child in status.Elements())
        {
            if (child.Name == BasicName)
            {
                // RFC 3863 section 4.1.4: at most one basic, "open" or "closed".
                if (basic is not null)
                {
                    PresenceDocumentError.Throw("PIDF: status with more than one basic");
                }

                basic = CanonicalXml.TrimXmlWhitespace(SimpleText(child)) switch
                {
                    "open" => BasicStatus.Open,
                    "closed" => BasicStatus.Closed,
                    _ => PresenceDocumentError.Throw<BasicStatus>("PIDF: basic is neither open nor closed"),
                };
            }
            else if (child.Name.Namespace == PidfNs)
            {
                PresenceDocumentError.Throw("PIDF: unknown pidf element in status");
            }
            else
            {
                extensions.Add(child);
            }
        }

        return new PidfStatus(basic, extensions);
    }

    private static PidfContact ReadContact(XElement contact)
    {
        // RFC 3863 section 4.1.5: a URI with an optional priority between 0 and 1.
        var uri = CanonicalXml.TrimXmlWhitespace(SimpleText(contact));
        if (uri.Length == 0)
        {
            PresenceDocumentError.Throw("PIDF: contact without URI");
        }

        double? priority = null;
        if (contact.Attribute(PriorityAttribute) is { } attribute)
        {
            priority = Qvalue.TryParse(attribute.Value, out var value)
                ? value
                : PresenceDocumentError.Throw<double>("PIDF: contact priority is not a qvalue");
        }

        return new PidfContact(uri, priority);
    }

    private static PidfPerson ReadPerson(XElement person, HashSet<string> ids)
    {
        var id = ReadId(person, ids, "PIDF: person without id");
        var activities = new List<string>();
        var notes = new List<PidfNote>();
        DateTimeOffset? timestamp = null;
        var extensions = new List<XElement>();
        foreach (var child in person.Elements())
        {
            if (child.Name == ActivitiesName)
            {
                ReadActivities(child, activities);
            }
            else if (child.Name == DmNoteName)
            {
                notes.Add(ReadNote(child));
            }
            else if (child.Name == DmTimestampName)
            {
                timestamp = ReadTimestamp(child, timestamp);
            }
            else
            {
                extensions.Add(child);
            }
        }

        return new PidfPerson(id, activities, notes, timestamp, extensions);
    }

    /// <summary>RFC 4480 activities: each child is one activity; notes inside are not kept.</summary>
    private static void ReadActivities(XElement element, List<string> activities)
    {
        foreach (var child in element.Elements())
        {
            if (child.Name == RpidNoteName)
            {
                continue;
            }

            if (child.Name == OtherName)
            {
                activities.Add(OtherActivityPrefix + SimpleText(child));
            }
            else if (child.Name.Namespace == RpidNs)
            {
                activities.Add(child.Name.LocalName);
            }
            else
            {
                activities.Add(child.Name.ToString());
            }
        }
    }

    private static PidfDevice ReadDevice(XElement device, HashSet<string> ids)
    {
        var id = ReadId(device, ids, "PIDF: device without id");
        string? deviceId = null;
        var notes = new List<PidfNote>();
        DateTimeOffset? timestamp = null;
        var extensions = new List<XElement>();
        foreach (var child in device.Elements())
        {
            if (child.Name == DeviceIdName)
            {
                if (deviceId is not null)
                {
                    PresenceDocumentError.Throw("PIDF: device with more than one deviceID");
                }

                deviceId = ReadDeviceId(child);
            }
            else if (child.Name == DmNoteName)
            {
                notes.Add(ReadNote(child));
            }
            else if (child.Name == DmTimestampName)
            {
                timestamp = ReadTimestamp(child, timestamp);
            }
            else
            {
                extensions.Add(child);
            }
        }

        return new PidfDevice(id, deviceId, notes, timestamp, extensions);
    }

    private static string ReadId(XElement element, HashSet<string> ids, string missing)
    {
        var id = element.Attribute(IdAttribute) is { } attribute ? CanonicalXml.TrimXmlWhitespace(attribute.Value) : string.Empty;
        if (id.Length == 0)
        {
            PresenceDocumentError.Throw(missing);
        }

        if (!ids.Add(id))
        {
            PresenceDocumentError.Throw("PIDF: duplicate id");
        }

        return id;
    }

    private static string ReadDeviceId(XElement element)
    {
        var value = CanonicalXml.TrimXmlWhitespace(SimpleText(element));
        return value.Length > 0 ? value : PresenceDocumentError.Throw<string>("PIDF: empty deviceID");
    }

    private static PidfNote ReadNote(XElement note)
    {
        // RFC 3863 section 4.1.6: the language is xml:lang, which an ancestor may set.
        string? language = null;
        for (var e = note; e is not null; e = e.Parent)
        {
            if (e.Attribute(LangAttribute) is { } lang)
            {
                language = lang.Value;
                break;
            }
        }

        return new PidfNote(SimpleText(note), language);
    }

    private static DateTimeOffset ReadTimestamp(XElement element, DateTimeOffset? earlier)
    {
        if (earlier is not null)
        {
            PresenceDocumentError.Throw("PIDF: more than one timestamp");
        }

        // RFC 3863 section 4.1.7: xs:dateTime.
        return XsDateTime.TryParse(SimpleText(element), out var value)
            ? value
            : PresenceDocumentError.Throw<DateTimeOffset>("PIDF: bad timestamp");
    }

    /// <summary>The text of an element whose content is text only (note, basic, contact, timestamp, deviceID).</summary>
    private static string SimpleText(XElement element)
    {
        if (element.HasElements)
        {
            PresenceDocumentError.Throw($"PIDF: {element.Name.LocalName} with child elements");
        }

        return element.Value;
    }
}
