using System.Xml.Linq;
using SimpleActors.Presence.Xml;

namespace SimpleActors.Presence.Rules;

/// <summary>
/// Applies a watcher's <see cref="PresencePermissions"/> to the presentity's composed document: what
/// RFC 5025 section 3.3 calls the transformations. Pure; run it once per distinct permissions per
/// change and share the result among watchers with equal permissions.
/// </summary>
/// <remarks>
/// The rules, as applied here:
/// <list type="bullet">
/// <item>RFC 5025 section 3.3.1 (data components): a tuple is kept when <c>provide-services</c> has
///   <c>all-services</c> or a selector naming it: <c>occurrence-id</c> = its <c>id</c>, <c>class</c> =
///   its RPID <c>class</c>, <c>service-uri</c> = its contact URI (compared as SIP URIs: scheme and host
///   without case), <c>service-uri-scheme</c> = the contact URI's scheme. A person likewise by
///   <c>provide-persons</c> (<c>all-persons</c>, <c>occurrence-id</c>, <c>class</c>), a device by
///   <c>provide-devices</c> (<c>all-devices</c>, <c>occurrence-id</c>, <c>class</c>, <c>deviceID</c>).
///   Components not provided are removed; with none provided the document keeps its entity and nothing
///   else.</item>
/// <item>RFC 5025 section 3.3.2 (attributes), in every kept tuple, person and device, and in the
///   document itself: RPID <c>activities</c>, <c>class</c>, <c>mood</c>, <c>place-is</c>,
///   <c>place-type</c>, <c>privacy</c>, <c>relationship</c>, <c>status-icon</c>, <c>sphere</c>,
///   <c>time-offset</c> stay only with their <c>provide-*</c>; a tuple's <c>deviceID</c> only with
///   <c>provide-deviceID</c> (a device keeps its own: it is what names the device); <c>note</c>s
///   (PIDF, data model, and RPID notes inside attributes) only with <c>provide-note</c>;
///   <c>user-input</c> by <c>provide-user-input</c>: false removes it, bare keeps the value without
///   <c>idle-threshold</c> and <c>last-input</c>, thresholds keeps <c>idle-threshold</c>, full keeps
///   all. Any other element (another namespace's, or an RPID one no permission names, such as
///   <c>service-class</c>), status extensions included, stays only when a
///   <c>provide-unknown-attribute</c> names it. <c>provide-all-attributes</c> keeps every attribute.</item>
/// <item>Kept in every kept component whatever the permissions: ids, a tuple's <c>status</c>/<c>basic</c>,
///   <c>contact</c> and <c>timestamp</c>, a person's or device's <c>timestamp</c>.</item>
/// </list>
/// The sub-handling is the caller's: a <see cref="SubHandling.PoliteBlock"/> watcher gets
/// <see cref="Nothing"/> (or the server's closed document), whatever the transformations say.
/// </remarks>
public static class PresenceFilter
{
    private static readonly XNamespace Rpid = Pidf.RpidNamespace;
    private static readonly XNamespace Dm = Pidf.DataModelNamespace;
    private static readonly XNamespace PidfNs = Pidf.Namespace;
    private static readonly XName RpidClass = Rpid + "class";
    private static readonly XName RpidSphere = Rpid + "sphere";
    private static readonly XName UserInput = Rpid + "user-input";
    private static readonly XName IdleThreshold = "idle-threshold";
    private static readonly XName LastInput = "last-input";

    private static readonly Dictionary<XName, ProvidedAttributes> Attributes = new()
    {
        [Rpid + "activities"] = ProvidedAttributes.Activities,
        [RpidClass] = ProvidedAttributes.Class,
        [Rpid + "mood"] = ProvidedAttributes.Mood,
        [Rpid + "place-is"] = ProvidedAttributes.PlaceIs,
        [Rpid + "place-type"] = ProvidedAttributes.PlaceType,
        [Rpid + "privacy"] = ProvidedAttributes.Privacy,
        [Rpid + "relationship"] = ProvidedAttributes.Relationship,
        [Rpid + "status-icon"] = ProvidedAttributes.StatusIcon,
        [RpidSphere] = ProvidedAttributes.Sphere,
        [Rpid + "time-offset"] = ProvidedAttributes.TimeOffset,
        [Rpid + "note"] = ProvidedAttributes.Note,
        [Dm + "deviceID"] = ProvidedAttributes.DeviceId,
        [Dm + "note"] = ProvidedAttributes.Note,
        [PidfNs + "note"] = ProvidedAttributes.Note,
    };

    /// <summary>The document as the watcher may see it (the same instance when everything is provided).</summary>
    public static PidfDocument Apply(PidfDocument document, PresencePermissions permissions)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(permissions);
        if (permissions.ProvidesEverything)
        {
            return document;
        }

        var notes = permissions.Provides(ProvidedAttributes.Note);
        var tuples = new List<PidfTuple>();
        foreach (var tuple in document.Tuples)
        {
            if (Selects(permissions.Services, tuple))
            {
                tuples.Add(new PidfTuple(
                    tuple.Id,
                    new PidfStatus(tuple.Status.Basic, FilterElements(tuple.Status.Extensions, permissions)),
                    tuple.Contact,
                    notes ? tuple.Notes : [],
                    tuple.Timestamp,
                    permissions.Provides(ProvidedAttributes.DeviceId) ? tuple.DeviceId : null,
                    FilterElements(tuple.Extensions, permissions)));
            }
        }

        var persons = new List<PidfPerson>();
        foreach (var person in document.Persons)
        {
            if (Selects(permissions.Persons, person.Id, person.Extensions))
            {
                persons.Add(new PidfPerson(
                    person.Id,
                    permissions.Provides(ProvidedAttributes.Activities) ? person.Activities : [],
                    notes ? person.Notes : [],
                    person.Timestamp,
                    FilterElements(person.Extensions, permissions)));
            }
        }

        var devices = new List<PidfDevice>();
        foreach (var device in document.Devices)
        {
            if (Selects(permissions.Devices, device.Id, device.Extensions)
                || permissions.Devices.Has(ComponentSelectorKind.DeviceId, device.DeviceId))
            {
                devices.Add(new PidfDevice(
                    device.Id,
                    device.DeviceId,
                    notes ? device.Notes : [],
                    device.Timestamp,
                    FilterElements(device.Extensions, permissions)));
            }
        }

        return new PidfDocument(document.Entity, tuples, persons, devices, notes ? document.Notes : [], FilterElements(document.Extensions, permissions));
    }

    /// <summary>
    /// A document of the presentity with no component at all: what a watcher with nothing provided
    /// sees, and one a polite-blocked watcher may be shown (RFC 5025 section 3.2.1).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="entity"/> is not a pres:, sip: or sips: URI.</exception>
    public static PidfDocument Nothing(string entity) =>
        PresentityUri.IsValid(entity)
            ? new PidfDocument(entity, [], [], [], [], [])
            : throw new ArgumentException("The entity must be a pres:, sip: or sips: URI.", nameof(entity));

    /// <summary>
    /// The presentity's current sphere for <see cref="PresenceRules.Evaluate"/> (RFC 4745 section 7.2):
    /// the RPID <c>sphere</c> (RFC 4480 section 3.8) of the first person that has one, as its child
    /// element's local name (<c>work</c>, <c>home</c>, ...) or its text; null when no person has one.
    /// </summary>
    public static string? SphereOf(PidfDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var person in document.Persons)
        {
            foreach (var extension in person.Extensions)
            {
                if (extension.Name != RpidSphere)
                {
                    continue;
                }

                var value = extension.Elements().FirstOrDefault(static e => e.Name != Rpid + "note")?.Name.LocalName
                    ?? CanonicalXml.TrimXmlWhitespace(extension.Value);
                if (value.Length > 0)
                {
                    return value;
                }
            }
        }

        return null;
    }

    /// <summary>A selector's value in the form it is compared in; null when empty.</summary>
    internal static string? SelectorValue(ComponentSelectorKind kind, string text)
    {
        var value = CanonicalXml.TrimXmlWhitespace(text);
        if (value.Length == 0)
        {
            return null;
        }

        return kind switch
        {
            ComponentSelectorKind.ServiceUriScheme => value.ToLowerInvariant(),
            ComponentSelectorKind.ServiceUri => WatcherIdentity.Normalize(value),
            _ => value,
        };
    }

    private static bool Selects(ComponentSelection selection, PidfTuple tuple)
    {
        if (Selects(selection, tuple.Id, tuple.Extensions))
        {
            return true;
        }

        if (tuple.Contact is not { } contact)
        {
            return false;
        }

        var colon = contact.Uri.IndexOf(':', StringComparison.Ordinal);
        return (selection.HasKind(ComponentSelectorKind.ServiceUri)
                && selection.Has(ComponentSelectorKind.ServiceUri, WatcherIdentity.Normalize(contact.Uri)))
            || (colon > 0 && selection.Has(ComponentSelectorKind.ServiceUriScheme, contact.Uri[..colon].ToLowerInvariant()));
    }

    private static bool Selects(ComponentSelection selection, string id, IReadOnlyList<XElement> extensions)
    {
        if (selection.All)
        {
            return true;
        }

        if (selection.IsNone)
        {
            return false;
        }

        if (selection.Has(ComponentSelectorKind.OccurrenceId, id))
        {
            return true;
        }

        if (selection.HasKind(ComponentSelectorKind.Class))
        {
            foreach (var extension in extensions)
            {
                if (extension.Name == RpidClass && selection.Has(ComponentSelectorKind.Class, CanonicalXml.TrimXmlWhitespace(extension.Value)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static List<XElement> FilterElements(IReadOnlyList<XElement> elements, PresencePermissions permissions)
    {
        var kept = new List<XElement>(elements.Count);
        foreach (var element in elements)
        {
            if (Filter(element, permissions) is { } filtered)
            {
                kept.Add(filtered);
            }
        }

        return kept;
    }

    /// <summary>The element as the watcher may see it, or null when it is removed.</summary>
    private static XElement? Filter(XElement element, PresencePermissions permissions)
    {
        if (element.Name == UserInput)
        {
            return permissions.UserInput switch
            {
                UserInputDisclosure.Full => element,
                UserInputDisclosure.Thresholds => Without(element, LastInput),
                UserInputDisclosure.Bare => Without(element, LastInput, IdleThreshold),
                _ => null,
            };
        }

        if (Attributes.TryGetValue(element.Name, out var flag))
        {
            if (!permissions.Provides(flag))
            {
                return null;
            }

            return permissions.Provides(ProvidedAttributes.Note) ? element : WithoutNotes(element);
        }

        return permissions.ProvidesUnknown(element.Name) ? element : null;
    }

    private static XElement Without(XElement element, params ReadOnlySpan<XName> attributes)
    {
        var copy = element;
        foreach (var name in attributes)
        {
            if (copy.Attribute(name) is not null)
            {
                if (ReferenceEquals(copy, element))
                {
                    copy = new XElement(element);
                }

                copy.Attribute(name)!.Remove();
            }
        }

        return copy;
    }

    /// <summary>An RPID attribute without the notes inside it (RFC 4480 lets most carry <c>note</c>s).</summary>
    private static XElement WithoutNotes(XElement element)
    {
        if (!element.Descendants().Any(static d => IsNote(d.Name)))
        {
            return element;
        }

        var copy = new XElement(element);
        copy.Descendants().Where(static d => IsNote(d.Name)).ToList().ForEach(static d => d.Remove());
        return copy;
    }

    private static bool IsNote(XName name) => name.LocalName == "note" && (name.Namespace == Rpid || name.Namespace == Dm || name.Namespace == PidfNs);
}
