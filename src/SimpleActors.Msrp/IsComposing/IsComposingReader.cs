using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using SimpleActors.Msrp.Cpim;

namespace SimpleActors.Msrp.IsComposing;

/// <summary>
/// Reads an application/im-iscomposing+xml body (RFC 3994 section 6) with the safe XML settings of
/// <see cref="XmlBodyLoader"/>. Elements of other namespaces are extensions (the schema's <c>##other</c>) and are
/// skipped; anything else that is wrong raises <see cref="IsComposingFormatException"/> and nothing else.
/// </summary>
public static class IsComposingReader
{
    private const string Format = "isComposing";

    /// <exception cref="IsComposingFormatException">The body is not an isComposing document.</exception>
    public static IsComposingDocument Read(ReadOnlySpan<byte> body)
    {
        var root = XmlBodyLoader.Load(body, Format, (reason, inner) => new IsComposingFormatException(reason, inner));
        if (root.Name != XName.Get("isComposing", IsComposingDocument.Namespace))
        {
            Reject("isComposing: the root is not <isComposing> in urn:ietf:params:xml:ns:im-iscomposing");
        }

        if (XmlBodyLoader.HasText(root))
        {
            Reject("isComposing: text beside the elements");
        }

        ComposingState? state = null;
        DateTimeOffset? lastActive = null;
        string? contentType = null;
        int? refresh = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in root.Elements())
        {
            if (child.Name.NamespaceName != IsComposingDocument.Namespace)
            {
                continue;
            }

            var name = child.Name.LocalName;
            if (!seen.Add(name))
            {
                Reject($"isComposing: more than one <{name}>");
            }

            var text = XmlBodyLoader.LeafText(child) ?? Reject<string>($"isComposing: elements inside <{name}>");
            switch (name)
            {
                case "state":
                    state = XmlBodyLoader.Trim(text) switch
                    {
                        "active" => ComposingState.Active,
                        "idle" => ComposingState.Idle,
                        _ => Reject<ComposingState>("isComposing: <state> is neither active nor idle"),
                    };
                    break;
                case "lastactive":
                    lastActive = Rfc3339DateTime.TryParse(XmlBodyLoader.Trim(text), out var time)
                        ? time
                        : Reject<DateTimeOffset>("isComposing: <lastactive> not an RFC 3339 date-time");
                    break;
                case "contenttype":
                    contentType = XmlBodyLoader.Trim(text);
                    break;
                case "refresh":
                    // xs:positiveInteger, in seconds.
                    refresh = int.TryParse(XmlBodyLoader.Trim(text), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                        ? seconds
                        : Reject<int>("isComposing: <refresh> not a positive number of seconds");
                    break;
                default:
                    Reject($"isComposing: unknown element <{name}>");
                    break;
            }
        }

        return new IsComposingDocument(state ?? Reject<ComposingState>("isComposing: no <state>"))
        {
            LastActive = lastActive,
            ContentType = contentType,
            Refresh = refresh,
        };
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Reject(string reason) => throw new IsComposingFormatException(reason);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T Reject<T>(string reason) => throw new IsComposingFormatException(reason);
}
