using System.Xml;
using SimpleActors.Msrp.Cpim;

namespace SimpleActors.Msrp.Imdn;

/// <summary>
/// IMDN in CPIM (RFC 5438): asking for notifications on a message, reading what a message asks for, and building the
/// notification that answers it. Pure functions over <see cref="CpimMessage"/>.
/// </summary>
public static class ImdnCpim
{
    /// <summary>The CPIM header namespace of IMDN (RFC 5438 section 6.1).</summary>
    public const string HeaderNamespace = "urn:ietf:params:imdn";

    /// <summary>The prefix RFC 5438 binds to it, <c>NS: imdn &lt;urn:ietf:params:imdn&gt;</c>.</summary>
    public const string Prefix = "imdn";

    /// <summary><c>imdn.Message-ID</c> (RFC 5438 section 6.3).</summary>
    public const string MessageIdHeader = "Message-ID";

    /// <summary><c>imdn.Disposition-Notification</c> (RFC 5438 section 6.2).</summary>
    public const string DispositionNotificationHeader = "Disposition-Notification";

    /// <summary><c>imdn.Original-To</c> (RFC 5438 section 6.4), set by an intermediary that changed the recipient.</summary>
    public const string OriginalToHeader = "Original-To";

    private static readonly (DispositionNotification Flag, string Token)[] Tokens =
    [
        (DispositionNotification.PositiveDelivery, "positive-delivery"),
        (DispositionNotification.NegativeDelivery, "negative-delivery"),
        (DispositionNotification.Processing, "processing"),
        (DispositionNotification.Display, "display"),
    ];

    /// <summary>
    /// <paramref name="message"/> with the IMDN headers of RFC 5438 section 7.1.1: <c>NS: imdn
    /// &lt;urn:ietf:params:imdn&gt;</c> (unless a prefix is bound to it already), <c>imdn.Message-ID</c>, <c>DateTime</c>
    /// and, when something is asked for, <c>imdn.Disposition-Notification</c>; earlier IMDN headers are replaced.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="messageId"/> is not a CPIM token.</exception>
    /// <exception cref="InvalidOperationException">Notifications asked of an IMDN: an IMDN never requests an IMDN.</exception>
    public static CpimMessage Request(CpimMessage message, string messageId, DateTimeOffset dateTime, DispositionNotification notifications)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!CpimSyntax.IsToken(messageId))
        {
            throw new ArgumentException("IMDN: a Message-ID is a CPIM token", nameof(messageId));
        }

        // RFC 5438 section 7.2.1: the IMDN itself carries no Disposition-Notification, so no IMDN answers an IMDN.
        if (notifications != DispositionNotification.None && IsNotification(message))
        {
            throw new InvalidOperationException("IMDN: an IMDN never requests an IMDN (RFC 5438 section 7.2.1)");
        }

        var namespaces = message.Namespaces;
        var prefix = message.PrefixOf(HeaderNamespace);
        if (prefix is null)
        {
            prefix = Prefix;
            for (var i = 1; namespaces.Any(n => n.Prefix == prefix); i++)
            {
                prefix = Prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            namespaces = [.. namespaces, new CpimNamespace(prefix, HeaderNamespace)];
        }

        var extensions = message.Extensions.Where(h => !IsImdnHeader(h, MessageIdHeader) && !IsImdnHeader(h, DispositionNotificationHeader)).ToList();
        extensions.Add(new CpimHeader(prefix, MessageIdHeader, HeaderNamespace, messageId));
        if (notifications != DispositionNotification.None)
        {
            var tokens = Tokens.Where(t => notifications.HasFlag(t.Flag)).Select(t => t.Token);
            extensions.Add(new CpimHeader(prefix, DispositionNotificationHeader, HeaderNamespace, string.Join(", ", tokens)));
        }

        return message with { Namespaces = namespaces, Extensions = extensions, DateTime = dateTime };
    }

    /// <summary>The IMDN headers of <paramref name="message"/>, or null when it has no <c>imdn.Message-ID</c> (or one that is not a token).
    /// Unknown disposition tokens are ignored (RFC 5438 section 6.2 leaves room for more).</summary>
    public static ImdnRequest? ReadRequest(CpimMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        // RFC 5438 section 6.3: the Message-ID is a token; a message whose Message-ID is not one cannot be answered.
        var id = message.Extension(HeaderNamespace, MessageIdHeader)?.Value.Trim(' ');
        if (id is null || !CpimSyntax.IsToken(id))
        {
            return null;
        }

        var notifications = DispositionNotification.None;
        if (message.Extension(HeaderNamespace, DispositionNotificationHeader) is { } header)
        {
            foreach (var range in header.Value.AsSpan().Split(','))
            {
                var token = header.Value.AsSpan()[range].Trim(' ');
                foreach (var (flag, name) in Tokens)
                {
                    if (token.Equals(name, StringComparison.OrdinalIgnoreCase))
                    {
                        notifications |= flag;
                    }
                }
            }
        }

        return new ImdnRequest(id, message.DateTime, notifications);
    }

    /// <summary>True when <paramref name="message"/> is itself an IMDN (its content is message/imdn+xml).</summary>
    public static bool IsNotification(CpimMessage message) => message.HasMediaType(ImdnDocument.MediaType);

    /// <summary>
    /// The IMDN that <paramref name="recipient"/> sends about <paramref name="original"/> (RFC 5438 section 7.2.1): from the
    /// recipient to the original's From, with its own <paramref name="messageId"/> and DateTime <paramref name="now"/>,
    /// <c>Content-Disposition: notification</c>, and an <see cref="ImdnDocument"/> naming the original's Message-ID and
    /// DateTime. No notification is asked of it. Null when none is due: the original did not ask for this notification,
    /// lacks imdn.Message-ID or DateTime, or is an IMDN itself.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="status"/> does not fit <paramref name="disposition"/>.</exception>
    public static CpimMessage? Answer(
        CpimMessage original, CpimAddress recipient, DispositionType disposition, DispositionStatus status, string messageId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(recipient);
        if (!ImdnDocument.IsValid(disposition, status))
        {
            throw new ArgumentException($"IMDN: {status} does not fit a {disposition} notification", nameof(status));
        }

        // RFC 5438 section 7.2.1: never an IMDN for an IMDN.
        if (IsNotification(original) || ReadRequest(original) is not { DateTime: { } sent } request
            || !request.Notifications.HasFlag(ImdnDocument.RequestedBy(disposition, status)))
        {
            return null;
        }

        // The message-id goes into XML: one that XML cannot carry (a noncharacter such as U+FFFE) cannot be answered.
        if (!IsXmlText(request.MessageId))
        {
            return null;
        }

        var document = new ImdnDocument
        {
            MessageId = request.MessageId,
            DateTime = sent,
            RecipientUri = recipient.Uri,
            OriginalRecipientUri = OriginalTo(original) ?? recipient.Uri,
            Disposition = disposition,
            Status = status,
        };
        var notification = new CpimMessage
        {
            From = recipient,
            To = [original.From],
            MimeHeaders =
            [
                new MimeHeader(MimeHeader.ContentType, ImdnDocument.MediaType),
                new MimeHeader(MimeHeader.ContentDisposition, "notification"),
            ],
            Content = ImdnWriter.Write(document),
        };
        return Request(notification, messageId, now, DispositionNotification.None);
    }

    /// <summary>The URI of imdn.Original-To (RFC 5438 section 6.4), or null when absent or unreadable.</summary>
    private static string? OriginalTo(CpimMessage message)
    {
        if (message.Extension(HeaderNamespace, OriginalToHeader) is not { } header)
        {
            return null;
        }

        try
        {
            var uri = CpimSyntax.ReadAddress(header.Value, OriginalToHeader).Uri;
            return IsXmlText(uri) ? uri : null;
        }
        catch (CpimFormatException)
        {
            return null;
        }
    }

    /// <summary>True when every character of <paramref name="text"/> may stand in XML 1.0 text (its Char production).</summary>
    private static bool IsXmlText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                continue;
            }

            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                i++;
                continue;
            }

            return false;
        }

        return true;
    }

    private static bool IsImdnHeader(CpimHeader header, string name) =>
        header.NamespaceUri == HeaderNamespace && string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase);
}
