using SimpleActors.Msrp.Cpim;
using SimpleActors.Msrp.IsComposing;

namespace SimpleActors.Msrp.Imdn;

/// <summary>Writes an <see cref="ImdnDocument"/> as message/imdn+xml, elements in the schema's order (RFC 5438 section 11).</summary>
public static class ImdnWriter
{
    /// <exception cref="ArgumentException">An empty message-id, a status that does not fit the notification, or text XML cannot carry.</exception>
    public static byte[] Write(ImdnDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (string.IsNullOrWhiteSpace(document.MessageId))
        {
            throw new ArgumentException("IMDN: a message-id is required", nameof(document));
        }

        if (!ImdnDocument.IsValid(document.Disposition, document.Status))
        {
            throw new ArgumentException($"IMDN: {document.Status} does not fit a {document.Disposition} notification", nameof(document));
        }

        const string ns = ImdnDocument.Namespace;
        return XmlBodyWriter.Write("imdn", ns, writer =>
        {
            writer.WriteElementString("message-id", ns, document.MessageId);
            writer.WriteElementString("datetime", ns, Rfc3339DateTime.Format(document.DateTime));
            if (document.RecipientUri is not null)
            {
                writer.WriteElementString("recipient-uri", ns, document.RecipientUri);
            }

            if (document.OriginalRecipientUri is not null)
            {
                writer.WriteElementString("original-recipient-uri", ns, document.OriginalRecipientUri);
            }

            if (document.Subject is not null)
            {
                writer.WriteElementString("subject", ns, document.Subject);
            }

            writer.WriteStartElement(document.Disposition switch
            {
                DispositionType.Delivery => "delivery-notification",
                DispositionType.Display => "display-notification",
                _ => "processing-notification",
            }, ns);
            writer.WriteStartElement("status", ns);
            writer.WriteStartElement(document.Status.ToString().ToLowerInvariant(), ns);
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
        });
    }
}
