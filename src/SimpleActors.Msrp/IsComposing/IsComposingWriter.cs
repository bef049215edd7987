using SimpleActors.Msrp.Cpim;

namespace SimpleActors.Msrp.IsComposing;

/// <summary>Writes an <see cref="IsComposingDocument"/> as application/im-iscomposing+xml, elements in the schema's order.</summary>
public static class IsComposingWriter
{
    /// <exception cref="ArgumentException">A refresh that is not positive, or a content type XML cannot carry.</exception>
    public static byte[] Write(IsComposingDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Refresh is <= 0)
        {
            throw new ArgumentException("isComposing: refresh must be positive", nameof(document));
        }

        const string ns = IsComposingDocument.Namespace;
        return XmlBodyWriter.Write("isComposing", ns, writer =>
        {
            writer.WriteElementString("state", ns, document.State == ComposingState.Active ? "active" : "idle");
            if (document.LastActive is { } lastActive)
            {
                writer.WriteElementString("lastactive", ns, Rfc3339DateTime.Format(lastActive));
            }

            if (document.ContentType is not null)
            {
                writer.WriteElementString("contenttype", ns, document.ContentType);
            }

            if (document.Refresh is { } refresh)
            {
                writer.WriteElementString("refresh", ns, refresh.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        });
    }
}
