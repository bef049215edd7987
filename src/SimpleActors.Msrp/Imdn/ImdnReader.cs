using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using SimpleActors.Msrp.Cpim;
using SimpleActors.Msrp.IsComposing;

namespace SimpleActors.Msrp.Imdn;

/// <summary>
/// Reads a message/imdn+xml body (RFC 5438 section 7.2.1, schema in section 11) with the safe XML settings of
/// <see cref="XmlBodyLoader"/>. Elements of other namespaces are extensions and are skipped. Strict: message-id and
/// datetime (RFC 3339) are required, exactly one notification with exactly one status that fits it; whatever is wrong
/// raises <see cref="ImdnFormatException"/> and nothing else.
/// </summary>
public static class ImdnReader
{
    private const string Ns = ImdnDocument.Namespace;

    /// <exception cref="ImdnFormatException">The body is not an IMDN.</exception>
    public static ImdnDocument Read(ReadOnlySpan<byte> body)
    {
        var root = XmlBodyLoader.Load(body, "IMDN", (reason, inner) => new ImdnFormatException(reason, inner));
        if (root.Name != XName.Get("imdn", Ns))
        {
            Reject("IMDN: the root is not <imdn> in urn:ietf:params:xml:ns:imdn");
        }

        if (XmlBodyLoader.HasText(root))
        {
            Reject("IMDN: text beside the elements");
        }

        string? messageId = null, dateTime = null, recipient = null, originalRecipient = null, subject = null;
        (DispositionType Type, DispositionStatus Status)? notification = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in Own(root))
        {
            var name = child.Name.LocalName;
            if (!seen.Add(name))
            {
                Reject($"IMDN: more than one <{name}>");
            }

            switch (name)
            {
                case "message-id": messageId = XmlBodyLoader.Trim(Text(child)); break;
                case "datetime": dateTime = XmlBodyLoader.Trim(Text(child)); break;
                case "recipient-uri": recipient = XmlBodyLoader.Trim(Text(child)); break;
                case "original-recipient-uri": originalRecipient = XmlBodyLoader.Trim(Text(child)); break;
                case "subject": subject = Text(child); break;
                case "delivery-notification": notification = Notification(child, DispositionType.Delivery, notification); break;
                case "display-notification": notification = Notification(child, DispositionType.Display, notification); break;
                case "processing-notification": notification = Notification(child, DispositionType.Processing, notification); break;
                default: Reject($"IMDN: unknown element <{name}>"); break;
            }
        }

        if (string.IsNullOrEmpty(messageId))
        {
            Reject("IMDN: no <message-id>");
        }

        if (dateTime is null)
        {
            Reject("IMDN: no <datetime>");
        }

        if (!Rfc3339DateTime.TryParse(dateTime, out var time))
        {
            Reject("IMDN: <datetime> not an RFC 3339 date-time");
        }

        var (disposition, status) = notification ?? Reject<(DispositionType, DispositionStatus)>("IMDN: no notification");
        return new ImdnDocument
        {
            MessageId = messageId,
            DateTime = time,
            RecipientUri = recipient,
            OriginalRecipientUri = originalRecipient,
            Subject = subject,
            Disposition = disposition,
            Status = status,
        };
    }

    /// <summary>&lt;x-notification&gt;&lt;status&gt;&lt;one-status/&gt;&lt;/status&gt;&lt;/x-notification&gt;.</summary>
    private static (DispositionType, DispositionStatus) Notification(XElement element, DispositionType type, (DispositionType, DispositionStatus)? earlier)
    {
        if (earlier is not null)
        {
            Reject("IMDN: more than one notification");
        }

        var statusElement = Single(element, "a notification holds one <status>");
        if (statusElement.Name.LocalName != "status")
        {
            Reject($"IMDN: unknown element <{statusElement.Name.LocalName}>");
        }

        var value = Single(statusElement, "<status> holds one status");
        if (value.HasElements || XmlBodyLoader.HasText(value))
        {
            Reject("IMDN: a status is an empty element");
        }

        var status = value.Name.LocalName switch
        {
            "delivered" => DispositionStatus.Delivered,
            "failed" => DispositionStatus.Failed,
            "displayed" => DispositionStatus.Displayed,
            "processed" => DispositionStatus.Processed,
            "stored" => DispositionStatus.Stored,
            "forbidden" => DispositionStatus.Forbidden,
            "error" => DispositionStatus.Error,
            _ => Reject<DispositionStatus>("IMDN: unknown status"),
        };

        if (!ImdnDocument.IsValid(type, status))
        {
            Reject("IMDN: status does not fit the notification");
        }

        return (type, status);
    }

    /// <summary>The one child in the IMDN namespace of a container without text of its own.</summary>
    private static XElement Single(XElement container, string rule)
    {
        if (XmlBodyLoader.HasText(container))
        {
            Reject("IMDN: text beside the elements");
        }

        var children = Own(container).Take(2).ToList();
        return children.Count == 1 ? children[0] : Reject<XElement>("IMDN: " + rule);
    }

    private static IEnumerable<XElement> Own(XElement element) => element.Elements().Where(e => e.Name.NamespaceName == Ns);

    private static string Text(XElement element) =>
        XmlBodyLoader.LeafText(element) ?? Reject<string>($"IMDN: elements inside <{element.Name.LocalName}>");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Reject(string reason) => throw new ImdnFormatException(reason);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T Reject<T>(string reason) => throw new ImdnFormatException(reason);
}
