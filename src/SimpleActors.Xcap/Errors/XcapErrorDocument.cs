using System.Text;
using System.Xml;

namespace SimpleActors.Xcap.Errors;

/// <summary>
/// Writes the body of a 409 answer (RFC 4825 section 11): <c>&lt;xcap-error xmlns="urn:ietf:params:xml:ns:xcap-error"&gt;</c>
/// with exactly one child, the conflict element, which carries the optional <c>phrase</c> attribute; <c>&lt;no-parent&gt;</c>
/// holds an optional <c>&lt;ancestor&gt;</c> URI, <c>&lt;uniqueness-failure&gt;</c> one <c>&lt;exists field&gt;</c> per
/// clashing field with its <c>&lt;alt-value&gt;</c>s (section 11.2 schema).
/// </summary>
public static class XcapErrorDocument
{
    /// <summary>The media type of the body.</summary>
    public const string MediaType = XcapMediaTypes.Error;

    /// <summary>The namespace of the body's elements.</summary>
    public const string Namespace = "urn:ietf:params:xml:ns:xcap-error";

    /// <summary>The conflict element's local name, e.g. <c>no-parent</c>.</summary>
    public static string ElementName(XcapErrorKind kind) => kind switch
    {
        XcapErrorKind.NotWellFormed => "not-well-formed",
        XcapErrorKind.NotXmlFrag => "not-xml-frag",
        XcapErrorKind.NoParent => "no-parent",
        XcapErrorKind.SchemaValidationError => "schema-validation-error",
        XcapErrorKind.NotXmlAttValue => "not-xml-att-value",
        XcapErrorKind.CannotInsert => "cannot-insert",
        XcapErrorKind.CannotDelete => "cannot-delete",
        XcapErrorKind.UniquenessFailure => "uniqueness-failure",
        XcapErrorKind.ConstraintFailure => "constraint-failure",
        XcapErrorKind.NotUtf8 => "not-utf-8",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an XCAP conflict"),
    };

    /// <summary>The body as UTF-8 bytes, with an XML declaration.</summary>
    public static byte[] Write(XcapError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false, CloseOutput = false };
        using (var writer = XmlWriter.Create(stream, settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("xcap-error", Namespace);
            writer.WriteStartElement(ElementName(error.Kind), Namespace);
            if (error.Phrase is not null)
            {
                writer.WriteAttributeString("phrase", SafeText(error.Phrase));
            }

            if (error.Kind == XcapErrorKind.NoParent && error.Ancestor is not null)
            {
                writer.WriteElementString("ancestor", Namespace, SafeText(error.Ancestor));
            }

            if (error.Kind == XcapErrorKind.UniquenessFailure)
            {
                foreach (var field in error.Fields)
                {
                    writer.WriteStartElement("exists", Namespace);
                    writer.WriteAttributeString("field", SafeText(field.Field));
                    foreach (var value in field.AlternativeValues)
                    {
                        writer.WriteElementString("alt-value", Namespace, SafeText(value));
                    }

                    writer.WriteEndElement();
                }
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        return stream.ToArray();
    }

    // A phrase may quote client input (a parser message); drop what XML cannot carry rather than fail to answer.
    private static string SafeText(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i))
            {
                builder.Append(text, i, 2);
                i++;
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }
}
