using System.Globalization;
using System.Xml;
using SimpleActors.Presence.Xml;
using static SimpleActors.Presence.Rls.RlmiNames;

namespace SimpleActors.Presence.Rls;

/// <summary>
/// Writes an RLMI document (RFC 4662 section 5): UTF-8 without BOM, an XML declaration, RLMI as the default namespace,
/// two-space indentation, values XML-escaped. Same document, same bytes; <see cref="RlmiReader.Read"/> of the bytes equals
/// the document.
/// </summary>
public static class RlmiWriter
{
    /// <exception cref="ArgumentException">
    /// The document breaks a rule <see cref="RlmiReader.Read"/> enforces: an empty list, resource or instance URI or id,
    /// an instance id twice in one resource, an empty cid, a character XML cannot carry.
    /// </exception>
    public static byte[] Write(RlmiList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        ThrowIfInvalid(list);
        return PresenceXmlWriter.Write(list, WriteList);
    }

    private static void WriteList(XmlWriter writer, RlmiList list)
    {
        var ns = RlmiNs.NamespaceName;
        writer.WriteStartElement("list", ns);
        writer.WriteAttributeString("xmlns", ns);
        writer.WriteAttributeString("uri", list.Uri);
        writer.WriteAttributeString("version", list.Version.ToString(CultureInfo.InvariantCulture));
        writer.WriteAttributeString("fullState", list.FullState ? "true" : "false");
        WriteNames(writer, list.Names);
        foreach (var resource in list.Resources)
        {
            writer.WriteStartElement("resource", ns);
            writer.WriteAttributeString("uri", resource.Uri);
            WriteNames(writer, resource.Names);
            foreach (var instance in resource.Instances)
            {
                writer.WriteStartElement("instance", ns);
                writer.WriteAttributeString("id", instance.Id);
                writer.WriteAttributeString("state", Word(instance.State));
                if (instance.Reason is not null)
                {
                    writer.WriteAttributeString("reason", instance.Reason);
                }

                if (instance.Cid is not null)
                {
                    writer.WriteAttributeString("cid", instance.Cid);
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static void WriteNames(XmlWriter writer, IReadOnlyList<RlmiName> names)
    {
        foreach (var name in names)
        {
            writer.WriteStartElement("name", RlmiNs.NamespaceName);
            if (name.Lang is not null)
            {
                writer.WriteAttributeString("xml", "lang", null, name.Lang);
            }

            writer.WriteString(name.Value);
            writer.WriteEndElement();
        }
    }

    private static void ThrowIfInvalid(RlmiList list)
    {
        RequireToken(list.Uri, "The list URI");
        foreach (var resource in list.Resources)
        {
            RequireToken(resource.Uri, "A resource URI");
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var instance in resource.Instances)
            {
                RequireToken(instance.Id, "An instance id");
                if (!ids.Add(instance.Id))
                {
                    PresenceDocumentError.InvalidModel("An instance id occurs twice in one resource.");
                }

                if (!Enum.IsDefined(instance.State))
                {
                    PresenceDocumentError.InvalidModel("An instance state is not active, pending or terminated.");
                }

                if (instance.Reason is not null)
                {
                    RequireToken(instance.Reason, "An instance reason");
                }

                if (instance.Cid is not null)
                {
                    RequireToken(instance.Cid, "An instance cid");
                }
            }
        }
    }

    /// <summary>Attribute values the reader trims: they must be non-empty and have no surrounding XML whitespace.</summary>
    private static void RequireToken(string value, string what)
    {
        if (value.Length == 0 || CanonicalXml.TrimXmlWhitespace(value).Length != value.Length)
        {
            PresenceDocumentError.InvalidModel($"{what} must be non-empty, without surrounding whitespace.");
        }
    }
}
