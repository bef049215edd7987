using System.Text;
using static SimpleActors.Msrp.Cpim.CpimSyntax;

namespace SimpleActors.Msrp.Cpim;

/// <summary>
/// Writes a <see cref="CpimMessage"/> as a message/cpim body: header names in their canonical case (RFC 3862 section 4),
/// in a fixed order (From, To, cc, DateTime, Subject, NS, Require, then the extension headers as given, so every NS
/// declaration comes before the headers that use it), values escaped (section 2.3), CRLF after every line, a blank
/// line after each header section, then the content bytes unchanged.
/// </summary>
public static class CpimWriter
{
    /// <exception cref="ArgumentException">The message cannot be written as it is: a malformed name, URI or language tag,
    /// a prefix no NS header binds (or bound to another namespace), a MIME value with a line break.</exception>
    public static byte[] Write(CpimMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.To.Count == 0)
        {
            throw new ArgumentException("CPIM: a message has at least one To", nameof(message));
        }

        var text = new StringBuilder();
        AddressLine(text, "From", message.From);
        foreach (var to in message.To)
        {
            AddressLine(text, "To", to);
        }

        foreach (var cc in message.Cc)
        {
            AddressLine(text, "cc", cc);
        }

        if (message.DateTime is { } dateTime)
        {
            text.Append("DateTime: ").Append(Rfc3339DateTime.Format(dateTime)).Append("\r\n");
        }

        foreach (var subject in message.Subjects)
        {
            text.Append("Subject:");
            if (subject.Language is not null)
            {
                Check(IsLanguageTag(subject.Language), "Subject: malformed language tag");
                text.Append(";lang=").Append(subject.Language);
            }

            text.Append(' ');
            AppendEscaped(text, subject.Text, quoted: false);
            text.Append("\r\n");
        }

        foreach (var ns in message.Namespaces)
        {
            Check(IsName(ns.Prefix) && IsUri(ns.Uri), "NS: malformed prefix or URI");
            Check(message.Namespaces.Count(n => n.Prefix == ns.Prefix) == 1, "NS: prefix declared twice");
            text.Append("NS: ").Append(ns.Prefix).Append(" <").Append(ns.Uri).Append(">\r\n");
        }

        if (message.Require.Count > 0)
        {
            Check(message.Require.All(name => IsHeaderName(name)), "Require: malformed header name");
            text.Append("Require: ").AppendJoin(",", message.Require).Append("\r\n");
        }

        foreach (var header in message.Extensions)
        {
            Extension(text, header, message);
        }

        text.Append("\r\n");
        foreach (var header in message.MimeHeaders)
        {
            Check(header.Name.Length > 0 && header.Name.All(c => c is > ' ' and <= '~' and not ':'), "MIME: malformed header name");
            Check(!HasLoneSurrogate(header.Value) && header.Value.All(c => c >= ' ' && c != 0x7F || c == '\t'), "MIME: control character in a value");
            text.Append(MimeHeader.CanonicalName(header.Name)).Append(": ").Append(header.Value).Append("\r\n");
        }

        text.Append("\r\n");
        var headers = Encoding.UTF8.GetByteCount(text.ToString());
        var bytes = new byte[headers + message.Content.Length];
        Encoding.UTF8.GetBytes(text.ToString(), bytes);
        message.Content.Span.CopyTo(bytes.AsSpan(headers));
        return bytes;
    }

    private static void AddressLine(StringBuilder text, string name, CpimAddress address)
    {
        text.Append(name).Append(": ");
        AppendAddress(text, address, name);
        text.Append("\r\n");
    }

    private static void Extension(StringBuilder text, CpimHeader header, CpimMessage message)
    {
        Check(IsName(header.Name), "malformed extension header name");
        if (header.Prefix is null)
        {
            // Unprefixed names live in the default namespace (RFC 3862 section 3.4); RFC 3862's own names are not extensions.
            Check(header.NamespaceUri == CpimMessage.DefaultNamespace, $"{header.Name}: an unprefixed header is in the default namespace");
            Check(!IsCoreName(header.Name), $"{header.Name}: an RFC 3862 header, not an extension");
        }
        else
        {
            Check(message.Namespaces.Any(n => n.Prefix == header.Prefix && n.Uri == header.NamespaceUri), $"{header.FullName}: no NS header binds the prefix to {header.NamespaceUri}");
        }

        text.Append(header.FullName).Append(':');
        foreach (var parameter in header.Parameters)
        {
            Check(IsName(parameter.Name), $"{header.FullName}: malformed parameter name");
            text.Append(';').Append(parameter.Name).Append('=');
            if (IsToken(parameter.Value))
            {
                text.Append(parameter.Value);
            }
            else
            {
                text.Append('"');
                AppendEscaped(text, parameter.Value, quoted: true);
                text.Append('"');
            }
        }

        text.Append(' ');
        AppendEscaped(text, header.Value, quoted: false);
        text.Append("\r\n");
    }

    private static bool IsCoreName(string name) =>
        name.Equals("From", StringComparison.OrdinalIgnoreCase) || name.Equals("To", StringComparison.OrdinalIgnoreCase)
        || name.Equals("cc", StringComparison.OrdinalIgnoreCase) || name.Equals("DateTime", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Subject", StringComparison.OrdinalIgnoreCase) || name.Equals("NS", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Require", StringComparison.OrdinalIgnoreCase);

    private static void Check(bool condition, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException("CPIM: " + problem);
        }
    }
}
