using System.Globalization;
using System.Xml.Linq;
using SimpleActors.Presence.Xml;
using static SimpleActors.Presence.Rls.RlmiNames;

namespace SimpleActors.Presence.Rls;

/// <summary>
/// Reads an RLMI document (RFC 4662 section 5) safely: size, depth and element count limited, DTDs refused (the same
/// loader as PIDF). Elements of other namespaces are skipped; an unknown element of the RLMI namespace is refused, as the
/// schema only lets other namespaces extend it.
/// </summary>
public static class RlmiReader
{
    private const string Format = "RLMI";

    /// <exception cref="PresenceDocumentException">The bytes are not an acceptable RLMI document; nothing else escapes.</exception>
    public static RlmiList Read(ReadOnlySpan<byte> utf8, PresenceLimits? limits = null) => Read(SecureXmlLoader.Load(utf8, limits, Format));

    private static RlmiList Read(XElement root)
    {
        // RFC 4662 section 5.2: <list uri version fullState>.
        if (root.Name != ListName)
        {
            PresenceDocumentError.Throw("RLMI: root is not an rlmi list element");
        }

        var uri = Required(root, "uri", "RLMI: list without uri");
        var version = uint.TryParse(Required(root, "version", "RLMI: list without version"), NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : PresenceDocumentError.Throw<uint>("RLMI: version is not an unsignedInt");
        var fullState = Required(root, "fullState", "RLMI: list without fullState") switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => PresenceDocumentError.Throw<bool>("RLMI: fullState is not a boolean"),
        };

        var names = new List<RlmiName>();
        var resources = new List<RlmiResource>();
        foreach (var child in root.Elements())
        {
            if (child.Name == NameName)
            {
                names.Add(ReadName(child));
            }
            else if (child.Name == ResourceName)
            {
                resources.Add(ReadResource(child));
            }
            else
            {
                RefuseRlmi(child);
            }
        }

        return new RlmiList(uri, version, fullState, names, resources);
    }

    private static RlmiResource ReadResource(XElement resource)
    {
        // RFC 4662 section 5.3: <resource uri> with names and instances.
        var uri = Required(resource, "uri", "RLMI: resource without uri");
        var names = new List<RlmiName>();
        var instances = new List<RlmiInstance>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in resource.Elements())
        {
            if (child.Name == NameName)
            {
                names.Add(ReadName(child));
            }
            else if (child.Name == InstanceName)
            {
                var instance = ReadInstance(child);
                if (!ids.Add(instance.Id))
                {
                    PresenceDocumentError.Throw("RLMI: duplicate instance id in a resource");
                }

                instances.Add(instance);
            }
            else
            {
                RefuseRlmi(child);
            }
        }

        return new RlmiResource(uri, names, instances);
    }

    private static RlmiInstance ReadInstance(XElement instance)
    {
        // RFC 4662 section 5.4: <instance id state [reason] [cid]>; its content is not ours to read.
        var id = Required(instance, "id", "RLMI: instance without id");
        var state = State(Required(instance, "state", "RLMI: instance without state"))
            ?? PresenceDocumentError.Throw<RlmiInstanceState>("RLMI: instance state is not active, pending or terminated");
        return new RlmiInstance(id, state, Optional(instance, "reason", "RLMI: empty reason"), Optional(instance, "cid", "RLMI: empty cid"));
    }

    private static RlmiName ReadName(XElement name)
    {
        if (name.HasElements)
        {
            PresenceDocumentError.Throw("RLMI: name with child elements");
        }

        string? lang = null;
        for (var e = name; e is not null; e = e.Parent)
        {
            if (e.Attribute(LangAttribute) is { } attribute)
            {
                lang = attribute.Value;
                break;
            }
        }

        return new RlmiName(name.Value, lang);
    }

    private static void RefuseRlmi(XElement child)
    {
        if (child.Name.Namespace == RlmiNs)
        {
            PresenceDocumentError.Throw("RLMI: unknown rlmi element");
        }
    }

    private static string Required(XElement element, string attribute, string missing) =>
        Optional(element, attribute, missing) ?? PresenceDocumentError.Throw<string>(missing);

    private static string? Optional(XElement element, string attribute, string empty)
    {
        if (element.Attribute(attribute) is not { } value)
        {
            return null;
        }

        var trimmed = CanonicalXml.TrimXmlWhitespace(value.Value);
        return trimmed.Length > 0 ? trimmed : PresenceDocumentError.Throw<string>(empty);
    }
}
