using System.Collections;
using System.Text;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Message;

/// <summary>
/// An immutable, ordered list of <c>;name[=value]</c> parameters with case-insensitive name lookup
/// (RFC 3261 section 7.3.1: parameter names are case-insensitive). Used for header parameters
/// (generic-param) and, with the URI character set, for SIP URI parameters.
/// </summary>
public sealed class GenericParameters : IReadOnlyList<GenericParameter>
{
    private readonly GenericParameter[] _items;

    private GenericParameters(GenericParameter[] items) => _items = items;

    /// <summary>No parameters.</summary>
    public static GenericParameters Empty { get; } = new([]);

    public int Count => _items.Length;

    public GenericParameter this[int index] => _items[index];

    /// <summary>The raw value of the first parameter named <paramref name="name"/>; null when absent or a flag.</summary>
    public string? this[string name] => TryGetValue(name, out var value) ? value : null;

    /// <summary>True when a parameter named <paramref name="name"/> is present (with or without a value).</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>Finds the first parameter named <paramref name="name"/>; a flag parameter gives a null value.</summary>
    public bool TryGetValue(string name, out string? value)
    {
        var i = IndexOf(name);
        value = i >= 0 ? _items[i].Value : null;
        return i >= 0;
    }

    /// <summary>The value of <paramref name="name"/> with the quotes and escapes of a quoted-string removed.</summary>
    public string? GetUnquoted(string name) => TryGetValue(name, out var value) && value is not null ? SipToken.Unquote(value) : null;

    /// <summary>
    /// A copy with <paramref name="name"/> set to <paramref name="value"/> (replacing the first parameter of that
    /// name in place, or appending). A null value makes a flag parameter; a value starting with '"' must be a whole
    /// quoted-string; any other value must be a token, a host or an IPv6 address.
    /// </summary>
    public GenericParameters With(string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!SipToken.IsTokenString(name))
        {
            throw new ArgumentException($"Parameter name '{name}' is not a token", nameof(name));
        }

        if (value is not null && !IsValidHeaderValue(value))
        {
            throw new ArgumentException($"Parameter value '{value}' is neither a token, a host nor a quoted string", nameof(value));
        }

        return WithUnchecked(name, value);
    }

    /// <summary>A copy with <paramref name="name"/> set to the quoted-string form of <paramref name="unquotedValue"/>.</summary>
    public GenericParameters WithQuoted(string name, string unquotedValue) => With(name, SipToken.Quote(unquotedValue));

    /// <summary>A copy without any parameter named <paramref name="name"/>.</summary>
    public GenericParameters Without(string name)
    {
        if (IndexOf(name) < 0)
        {
            return this;
        }

        var items = _items.Where(p => !string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).ToArray();
        return items.Length == 0 ? Empty : new GenericParameters(items);
    }

    /// <summary>Parses header parameters, e.g. <c>;tag=1928301774;lr</c> (the leading ';' is optional).</summary>
    public static GenericParameters Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var s = SipToken.TrimWhitespace(value.AsSpan());
        if (s.IsEmpty)
        {
            return Empty;
        }

        var pos = 0;
        if (s[0] != ';')
        {
            // Let the scanner see the first parameter as if a ';' preceded it.
            var withSemicolon = ";" + s.ToString();
            var result = ParseHeaderParameters(withSemicolon, ref pos);
            ExpectEnd(withSemicolon, pos);
            return result;
        }

        var parameters = ParseHeaderParameters(s, ref pos);
        ExpectEnd(s, pos);
        return parameters;
    }

    public static bool TryParse(string value, out GenericParameters result)
    {
        try
        {
            result = Parse(value);
            return true;
        }
        catch (SipParseException)
        {
            result = Empty;
            return false;
        }
    }

    /// <summary>The wire form: every parameter preceded by ';'.</summary>
    public override string ToString()
    {
        if (_items.Length == 0)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        AppendTo(sb);
        return sb.ToString();
    }

    public IEnumerator<GenericParameter> GetEnumerator() => ((IEnumerable<GenericParameter>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void AppendTo(StringBuilder sb)
    {
        foreach (var p in _items)
        {
            sb.Append(';').Append(p.Name);
            if (p.Value is not null)
            {
                sb.Append('=').Append(p.Value);
            }
        }
    }

    internal GenericParameters WithUnchecked(string name, string? value)
    {
        var i = IndexOf(name);
        GenericParameter[] items;
        if (i >= 0)
        {
            items = (GenericParameter[])_items.Clone();
            items[i] = new GenericParameter(items[i].Name, value);
        }
        else
        {
            items = [.. _items, new GenericParameter(name, value)];
        }

        return new GenericParameters(items);
    }

    /// <summary>
    /// Scans <c>*( SEMI generic-param )</c> starting at <paramref name="pos"/>, leaving pos at the first
    /// character (after white space) that does not start another parameter.
    /// generic-param = token [ EQUAL gen-value ]; gen-value = token / host / quoted-string.
    /// </summary>
    internal static GenericParameters ParseHeaderParameters(ReadOnlySpan<char> s, ref int pos)
    {
        List<GenericParameter>? list = null;
        var i = SipToken.SkipWhitespace(s, pos);
        while (i < s.Length && s[i] == ';')
        {
            i = SipToken.SkipWhitespace(s, i + 1);
            var nameEnd = SipToken.ScanToken(s, i);
            if (nameEnd == i)
            {
                SipParseError.BadRequest("Missing parameter name");
            }

            var name = s[i..nameEnd].ToString();
            i = SipToken.SkipWhitespace(s, nameEnd);
            string? value = null;
            if (i < s.Length && s[i] == '=')
            {
                i = SipToken.SkipWhitespace(s, i + 1);
                if (i < s.Length && s[i] == '"')
                {
                    var end = SipToken.ScanQuotedString(s, i);
                    value = s[i..end].ToString();
                    i = end;
                }
                else
                {
                    var end = i;
                    while (end < s.Length && IsHeaderValueChar(s[end]))
                    {
                        end++;
                    }

                    if (end == i)
                    {
                        SipParseError.BadRequest($"Missing value of parameter '{name}'");
                    }

                    value = s[i..end].ToString();
                    i = end;
                }

                i = SipToken.SkipWhitespace(s, i);
            }

            (list ??= []).Add(new GenericParameter(name, value));
        }

        pos = i;
        return list is null ? Empty : new GenericParameters([.. list]);
    }

    /// <summary>
    /// Scans URI parameters <c>*( ";" uri-parameter )</c> (RFC 3261 section 19.1.1, no white space) starting at
    /// <paramref name="pos"/>; names and values keep their escapes.
    /// </summary>
    internal static GenericParameters ParseUriParameters(ReadOnlySpan<char> s, ref int pos)
    {
        List<GenericParameter>? list = null;
        var i = pos;
        while (i < s.Length && s[i] == ';')
        {
            i++;
            var nameEnd = ScanParamChars(s, i);
            if (nameEnd == i)
            {
                SipParseError.BadRequest("Missing URI parameter name");
            }

            var name = s[i..nameEnd].ToString();
            SipToken.ValidateEscaped(name, SipToken.IsParamChar, "URI parameter");
            i = nameEnd;
            string? value = null;
            if (i < s.Length && s[i] == '=')
            {
                i++;
                var valueEnd = ScanParamChars(s, i);
                if (valueEnd == i)
                {
                    SipParseError.BadRequest($"Missing value of URI parameter '{name}'");
                }

                value = s[i..valueEnd].ToString();
                SipToken.ValidateEscaped(value, SipToken.IsParamChar, "URI parameter");
                i = valueEnd;
            }

            (list ??= []).Add(new GenericParameter(name, value));
        }

        pos = i;
        return list is null ? Empty : new GenericParameters([.. list]);

        static int ScanParamChars(ReadOnlySpan<char> s, int i)
        {
            while (i < s.Length && (SipToken.IsParamChar(s[i]) || s[i] == '%'))
            {
                i++;
            }

            return i;
        }
    }

    internal static GenericParameters FromList(List<GenericParameter> list) => list.Count == 0 ? Empty : new([.. list]);

    private static bool IsHeaderValueChar(char c) => SipToken.IsToken(c) || c is ':' or '[' or ']';

    private static bool IsValidHeaderValue(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        if (value[0] == '"')
        {
            try
            {
                return SipToken.ScanQuotedString(value, 0) == value.Length;
            }
            catch (SipParseException)
            {
                return false;
            }
        }

        foreach (var c in value)
        {
            if (!IsHeaderValueChar(c))
            {
                return false;
            }
        }

        return true;
    }

    private static void ExpectEnd(ReadOnlySpan<char> s, int pos)
    {
        if (pos != s.Length)
        {
            SipParseError.BadRequest("Unexpected text in parameters");
        }
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < _items.Length; i++)
        {
            if (string.Equals(_items[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
