using System.Xml.Linq;

namespace SimpleActors.Presence;

/// <summary>The element and attribute names PIDF, the data model and RPID define, matched by namespace and local name.</summary>
internal static class PidfNames
{
    public static readonly XNamespace PidfNs = XNamespace.Get(SimpleActors.Presence.Pidf.Namespace);
    public static readonly XNamespace DmNs = XNamespace.Get(SimpleActors.Presence.Pidf.DataModelNamespace);
    public static readonly XNamespace RpidNs = XNamespace.Get(SimpleActors.Presence.Pidf.RpidNamespace);

    // RFC 3863 section 4.1
    public static readonly XName PresenceName = PidfNs + "presence";
    public static readonly XName TupleName = PidfNs + "tuple";
    public static readonly XName StatusName = PidfNs + "status";
    public static readonly XName BasicName = PidfNs + "basic";
    public static readonly XName ContactName = PidfNs + "contact";
    public static readonly XName NoteName = PidfNs + "note";
    public static readonly XName TimestampName = PidfNs + "timestamp";

    // RFC 4479
    public static readonly XName PersonName = DmNs + "person";
    public static readonly XName DeviceName = DmNs + "device";
    public static readonly XName DeviceIdName = DmNs + "deviceID";
    public static readonly XName DmNoteName = DmNs + "note";
    public static readonly XName DmTimestampName = DmNs + "timestamp";

    // RFC 4480
    public static readonly XName ActivitiesName = RpidNs + "activities";
    public static readonly XName RpidNoteName = RpidNs + "note";
    public static readonly XName OtherName = RpidNs + "other";

    // Attributes (no namespace) and xml:lang.
    public static readonly XName EntityAttribute = "entity";
    public static readonly XName IdAttribute = "id";
    public static readonly XName PriorityAttribute = "priority";
    public static readonly XName LangAttribute = XNamespace.Xml + "lang";

    /// <summary>How an <c>rpid:other</c> activity appears in <see cref="PidfPerson.Activities"/>.</summary>
    public const string OtherActivityPrefix = "other:";
}
