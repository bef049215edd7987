using System.Xml;
using System.Xml.Linq;
using SimpleActors.Presence.Xml;
using static SimpleActors.Presence.PidfNames;

namespace SimpleActors.Presence;

/// <summary>
/// What a <see cref="PidfDocument"/> must satisfy to be written: the rules <see cref="PidfReader"/>
/// enforces, plus what makes the written form read back as the same value (an extension element
/// must not be one the reader maps into the model, values are already whitespace-trimmed where the
/// reader trims). A failure is the caller's mistake: <see cref="ArgumentException"/>.
/// </summary>
internal static class PidfModelRules
{
    public static void ThrowIfInvalid(PidfDocument document)
    {
        if (!PresentityUri.IsValid(document.Entity))
        {
            PresenceDocumentError.InvalidModel("PIDF: entity is not a pres, sip or sips URI");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tuple in document.Tuples)
        {
            CheckId(tuple.Id, ids);
            CheckTuple(tuple);
        }

        foreach (var person in document.Persons)
        {
            CheckId(person.Id, ids);
            CheckPerson(person);
        }

        foreach (var device in document.Devices)
        {
            CheckId(device.Id, ids);
            CheckToken(device.DeviceId, nullable: true, "PIDF: empty or untrimmed deviceID");
            CheckNotes(device.Notes);
            CheckExtensions(device.Extensions, static name => name == DeviceIdName || name == DmNoteName || name == DmTimestampName, "device");
        }

        CheckNotes(document.Notes);
        CheckExtensions(document.Extensions, static name => name.Namespace == PidfNs || name == PersonName || name == DeviceName, "presence");
    }

    private static void CheckTuple(PidfTuple tuple)
    {
        if (tuple.Status is null)
        {
            PresenceDocumentError.InvalidModel("PIDF: tuple without status");
        }

        if (tuple.Status.Basic is { } basic && !Enum.IsDefined(basic))
        {
            PresenceDocumentError.InvalidModel("PIDF: basic is neither open nor closed");
        }

        CheckExtensions(tuple.Status.Extensions, static name => name.Namespace == PidfNs, "status");
        if (tuple.Contact is { } contact)
        {
            CheckToken(contact.Uri, nullable: false, "PIDF: contact without URI or untrimmed");
            if (contact.Priority is { } priority && !Qvalue.IsValid(priority))
            {
                PresenceDocumentError.InvalidModel("PIDF: contact priority is not a qvalue (0 to 1, three decimals at most)");
            }
        }

        CheckToken(tuple.DeviceId, nullable: true, "PIDF: empty or untrimmed deviceID");
        CheckNotes(tuple.Notes);

        // A dm:deviceID extension would be read back as the tuple's DeviceId if that is null.
        var deviceIdTaken = tuple.DeviceId is not null;
        CheckExtensions(tuple.Extensions, name => name.Namespace == PidfNs || (name == DeviceIdName && !deviceIdTaken), "tuple");
    }

    private static void CheckPerson(PidfPerson person)
    {
        foreach (var activity in person.Activities)
        {
            if (!IsActivity(activity))
            {
                PresenceDocumentError.InvalidModel("PIDF: activity is neither an RPID name, other:text nor {namespace}name");
            }
        }

        CheckNotes(person.Notes);
        CheckExtensions(person.Extensions, static name => name == ActivitiesName || name == DmNoteName || name == DmTimestampName, "person");
    }

    private static bool IsActivity(string activity)
    {
        if (activity.StartsWith(OtherActivityPrefix, StringComparison.Ordinal))
        {
            return true;
        }

        if (activity.StartsWith('{'))
        {
            XName name;
            try
            {
                name = XName.Get(activity);
            }
            catch (Exception e) when (e is ArgumentException or XmlException)
            {
                return false;
            }

            return name.NamespaceName.Length > 0 && name.Namespace != RpidNs;
        }

        return activity != "note" && IsNcName(activity);
    }

    private static bool IsNcName(string value)
    {
        try
        {
            XmlConvert.VerifyNCName(value);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or XmlException)
        {
            return false;
        }
    }

    private static void CheckId(string id, HashSet<string> ids)
    {
        CheckToken(id, nullable: false, "PIDF: id empty or untrimmed");
        if (!ids.Add(id))
        {
            PresenceDocumentError.InvalidModel("PIDF: duplicate id");
        }
    }

    /// <summary>Values the reader trims (ids, URIs, deviceIDs) must already be trimmed and non-empty.</summary>
    private static void CheckToken(string? value, bool nullable, string reason)
    {
        if (value is null ? !nullable : value.Length == 0 || CanonicalXml.TrimXmlWhitespace(value).Length != value.Length)
        {
            PresenceDocumentError.InvalidModel(reason);
        }
    }

    private static void CheckNotes(IReadOnlyList<PidfNote> notes)
    {
        foreach (var note in notes)
        {
            if (note.Text is null)
            {
                PresenceDocumentError.InvalidModel("PIDF: note without text");
            }
        }
    }

    private static void CheckExtensions(IReadOnlyList<XElement> extensions, Func<XName, bool> mapped, string where)
    {
        foreach (var extension in extensions)
        {
            if (mapped(extension.Name))
            {
                PresenceDocumentError.InvalidModel($"PIDF: {extension.Name} cannot be an extension of {where}");
            }
        }
    }
}
