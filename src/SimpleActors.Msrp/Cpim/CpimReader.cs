using System.Text;
using System.Text.Unicode;
using static SimpleActors.Msrp.Cpim.CpimSyntax;

namespace SimpleActors.Msrp.Cpim;

/// <summary>
/// Reads a message/cpim body (RFC 3862 section 2): the message headers, a blank line, the encapsulated MIME headers, a
/// blank line, the content (every byte that follows, binary-safe). Strict but graceful: lines end in CRLF, header values
/// are UTF-8 without controls, From and To are required, and whatever is wrong raises one
/// <see cref="CpimFormatException"/> saying what, never anything else.
/// </summary>
public static class CpimReader
{
    private const string From = "From";
    private const string To = "To";
    private const string Cc = "cc";
    private const string DateTimeName = "DateTime";
    private const string Subject = "Subject";
    private const string Ns = "NS";
    private const string Require = "Require";

    /// <summary>Reads <paramref name="body"/>; <paramref name="limits"/> null for <see cref="CpimLimits.Default"/>.</summary>
    /// <exception cref="CpimFormatException">The body is not a CPIM message, or breaks a limit.</exception>
    public static CpimMessage Read(ReadOnlySpan<byte> body, CpimLimits? limits = null)
    {
        limits ??= CpimLimits.Default;
        limits.ThrowIfInvalid();
        var headers = new MessageHeaders();
        var position = 0;
        var count = 0;

        // RFC 3862 section 2: the message headers end at the first blank line.
        for (var line = NextLine(body, ref position, limits, "message headers"); !line.IsEmpty; line = NextLine(body, ref position, limits, "message headers"))
        {
            Count(ref count, position, limits);
            ReadMessageHeader(Text(line, allowTab: false), headers);
        }

        if (headers.From is null)
        {
            Reject("CPIM: no From header");
        }

        if (headers.To.Count == 0)
        {
            Reject("CPIM: no To header");
        }

        // The encapsulated MIME headers (RFC 2045 fields, which may be folded) end at the next blank line.
        var mime = new List<(string Name, StringBuilder Value)>();
        for (var line = NextLine(body, ref position, limits, "MIME headers"); !line.IsEmpty; line = NextLine(body, ref position, limits, "MIME headers"))
        {
            Count(ref count, position, limits);
            ReadMimeLine(Text(line, allowTab: true), mime);
        }

        var mimeHeaders = mime.Select(h => new MimeHeader(MimeHeader.CanonicalName(h.Name), h.Value.ToString().Trim(' ', '\t'))).ToArray();
        var contentTypes = mimeHeaders.Count(h => h.Name == MimeHeader.ContentType);
        if (contentTypes != 1)
        {
            Reject(contentTypes == 0 ? "CPIM: no Content-Type" : "CPIM: more than one Content-Type");
        }

        return new CpimMessage
        {
            From = headers.From,
            To = headers.To,
            Cc = headers.Cc,
            DateTime = headers.DateTime,
            Subjects = headers.Subjects,
            Namespaces = headers.Namespaces,
            Require = headers.Require,
            Extensions = headers.Extensions,
            MimeHeaders = mimeHeaders,
            Content = body[position..].ToArray(),
        };
    }

    /// <summary>
    /// The next line before its CRLF, <paramref name="position"/> moved past it; the search is bounded by the line limit,
    /// so a body without line ends costs no more than one line.
    /// </summary>
    private static ReadOnlySpan<byte> NextLine(ReadOnlySpan<byte> body, ref int position, CpimLimits limits, string section)
    {
        var rest = body[position..];
        var window = rest[..Math.Min(rest.Length, limits.MaxLineBytes + 2)];
        var lf = window.IndexOf((byte)'\n');
        if (lf < 0)
        {
            Reject(window.Length < rest.Length ? "CPIM: header line too long" : $"CPIM: {section} not ended by a blank line");
        }

        if (lf == 0 || window[lf - 1] != '\r')
        {
            Reject("CPIM: line not ended by CRLF");
        }

        if (lf - 1 > limits.MaxLineBytes)
        {
            Reject("CPIM: header line too long");
        }

        position += lf + 1;
        return rest[..(lf - 1)];
    }

    private static void Count(ref int count, int position, CpimLimits limits)
    {
        if (++count > limits.MaxHeaders)
        {
            Reject("CPIM: too many headers");
        }

        if (position > limits.MaxHeaderBytes)
        {
            Reject("CPIM: headers too large");
        }
    }

    /// <summary>A header line as text: UTF-8 (RFC 3862 section 3.2), no control characters (HTAB only where MIME folds).</summary>
    private static string Text(ReadOnlySpan<byte> line, bool allowTab)
    {
        foreach (var b in line)
        {
            if ((b < 0x20 && !(allowTab && b == '\t')) || b == 0x7F)
            {
                Reject("CPIM: control character in a header");
            }
        }

        if (!Utf8.IsValid(line))
        {
            Reject("CPIM: header not UTF-8");
        }

        return Encoding.UTF8.GetString(line);
    }

    /// <summary>Header = Header-name ":" *( ";" Parameter ) SP Header-value (RFC 3862 section 3.6).</summary>
    private static void ReadMessageHeader(string line, MessageHeaders headers)
    {
        var i = 0;
        while (i < line.Length && (IsNameChar(line[i]) || line[i] == '.'))
        {
            i++;
        }

        if (i == line.Length || line[i] != ':' || !IsHeaderName(line.AsSpan(0, i)))
        {
            Reject("CPIM: malformed header name");
        }

        var name = line[..i];
        i++;
        var parameters = new List<CpimParameter>();
        while (i < line.Length && line[i] == ';')
        {
            parameters.Add(ReadParameter(line, ref i, name));
        }

        if (i < line.Length)
        {
            if (line[i] != ' ')
            {
                Reject("CPIM: no space after a header name");
            }

            i++;
        }

        headers.Add(name, parameters, line[i..]);
    }

    /// <summary>Parameter = Lang-param / Ext-param; Param-value = Token / Number / String.</summary>
    private static CpimParameter ReadParameter(string line, ref int i, string header)
    {
        var start = ++i;
        while (i < line.Length && IsNameChar(line[i]))
        {
            i++;
        }

        if (i == start || i == line.Length || line[i] != '=')
        {
            Reject($"CPIM: {header}: malformed parameter");
        }

        var name = line[start..i];
        i++;
        string value;
        if (i < line.Length && line[i] == '"')
        {
            value = ReadQuoted(line, i, out i, header);
        }
        else
        {
            start = i;
            while (i < line.Length && IsTokenChar(line[i]))
            {
                i++;
            }

            if (i == start)
            {
                Reject($"CPIM: {header}: malformed parameter");
            }

            value = line[start..i];
        }

        return new CpimParameter(name, value);
    }

    /// <summary>A MIME header line, or the continuation of the previous one (RFC 5322 section 2.2.3 folding).</summary>
    private static void ReadMimeLine(string line, List<(string Name, StringBuilder Value)> mime)
    {
        if (line[0] is ' ' or '\t')
        {
            if (mime.Count == 0)
            {
                Reject("CPIM: MIME header continuation without a header");
            }

            mime[^1].Value.Append(line);
            return;
        }

        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !IsFieldName(line.AsSpan(0, colon)))
        {
            Reject("CPIM: malformed MIME header");
        }

        mime.Add((line[..colon], new StringBuilder(line[(colon + 1)..])));
    }

    /// <summary>field-name = 1*ftext, printable US-ASCII but the colon (RFC 5322 section 3.6.8).</summary>
    private static bool IsFieldName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (c is <= ' ' or > '~' or ':')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The message headers met so far, and the NS declarations in force for the next one.</summary>
    private sealed class MessageHeaders
    {
        public CpimAddress? From { get; private set; }

        public List<CpimAddress> To { get; } = [];

        public List<CpimAddress> Cc { get; } = [];

        public DateTimeOffset? DateTime { get; private set; }

        public List<CpimSubject> Subjects { get; } = [];

        public List<CpimNamespace> Namespaces { get; } = [];

        public List<string> Require { get; } = [];

        public List<CpimHeader> Extensions { get; } = [];

        public void Add(string name, List<CpimParameter> parameters, string value)
        {
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            if (dot >= 0)
            {
                AddExtension(name[..dot], name[(dot + 1)..], parameters, value);
                return;
            }

            // ABNF literals are case-insensitive (RFC 5234 section 2.3); the writer gives the canonical case back.
            var core = Core(name);
            if (core is null)
            {
                Extensions.Add(new CpimHeader(null, name, CpimMessage.DefaultNamespace, Unescape(value, name)) { Parameters = parameters });
                return;
            }

            if (core == Subject)
            {
                Subjects.Add(ReadSubject(parameters, value));
                return;
            }

            if (parameters.Count > 0)
            {
                Reject($"CPIM: parameters on {core}");
            }

            switch (core)
            {
                case CpimReader.From:
                    From = From is null ? ReadAddress(value, core) : Reject<CpimAddress>("CPIM: more than one From header");
                    break;
                case CpimReader.To:
                    To.Add(ReadAddress(value, core));
                    break;
                case CpimReader.Cc:
                    Cc.Add(ReadAddress(value, core));
                    break;
                case DateTimeName:
                    if (DateTime is not null)
                    {
                        Reject("CPIM: more than one DateTime header");
                    }

                    DateTime = Rfc3339DateTime.TryParse(value, out var dateTime) ? dateTime : Reject<DateTimeOffset>("CPIM: DateTime not an RFC 3339 date-time");
                    break;
                case Ns:
                    AddNamespace(value);
                    break;
                default:
                    AddRequire(value);
                    break;
            }
        }

        private static string? Core(string name)
        {
            foreach (var core in (ReadOnlySpan<string>)[CpimReader.From, CpimReader.To, CpimReader.Cc, DateTimeName, Subject, Ns, CpimReader.Require])
            {
                if (string.Equals(core, name, StringComparison.OrdinalIgnoreCase))
                {
                    return core;
                }
            }

            return null;
        }

        /// <summary>RFC 3862 sections 3.3 and 4.5: Subject:;lang=fr text.</summary>
        private static CpimSubject ReadSubject(List<CpimParameter> parameters, string value)
        {
            string? language = null;
            foreach (var parameter in parameters)
            {
                if (parameter.Name != "lang" || language is not null || !IsLanguageTag(parameter.Value))
                {
                    Reject("CPIM: Subject: bad parameter");
                }

                language = parameter.Value;
            }

            return new CpimSubject(Unescape(value, Subject), language);
        }

        /// <summary>NS-header-value = [ Name-prefix SP ] "&lt;" URI "&gt;" (RFC 3862 section 4.6).</summary>
        private void AddNamespace(string value)
        {
            var space = value.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                // A declaration without prefix would re-bind the default namespace of every name after it.
                Reject("CPIM: NS without a prefix is not supported");
            }

            var prefix = value[..space];
            if (!IsName(prefix))
            {
                Reject("CPIM: NS: malformed prefix");
            }

            var uri = value.AsSpan(space).TrimStart(' ');
            if (uri is not ['<', .., '>'] || !IsUri(uri[1..^1]))
            {
                Reject("CPIM: NS: malformed <URI>");
            }

            if (Namespaces.Exists(n => n.Prefix == prefix))
            {
                Reject("CPIM: NS: prefix declared twice");
            }

            Namespaces.Add(new CpimNamespace(prefix, uri[1..^1].ToString()));
        }

        /// <summary>Require-header-value = Header-name *( "," Header-name ) (RFC 3862 section 4.7).</summary>
        private void AddRequire(string value)
        {
            foreach (var range in value.AsSpan().Split(','))
            {
                var name = value.AsSpan()[range].Trim(' ');
                if (!IsHeaderName(name))
                {
                    Reject("CPIM: Require: malformed header name");
                }

                Require.Add(name.ToString());
            }
        }

        /// <summary>RFC 3862 section 3.4: a prefix stands for the namespace an earlier NS header bound it to.</summary>
        private void AddExtension(string prefix, string name, List<CpimParameter> parameters, string value)
        {
            var ns = Namespaces.Find(n => n.Prefix == prefix)
                ?? Reject<CpimNamespace>("CPIM: header prefix not declared by an earlier NS header");
            Extensions.Add(new CpimHeader(prefix, name, ns.Uri, Unescape(value, prefix + "." + name)) { Parameters = parameters });
        }
    }
}
