using System.Diagnostics.CodeAnalysis;
using System.Text;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Message;

/// <summary>
/// <c>( name-addr / addr-spec ) *( SEMI param )</c>: the value of From, To, Contact, Route, Record-Route, Path,
/// Refer-To (RFC 3261 section 20). In the addr-spec form the parameters after the URI belong to the header,
/// not to the URI (RFC 3261 section 20.10).
/// </summary>
public sealed class NameAddress
{
    public NameAddress(SipUri uri, string? displayName = null, GenericParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        Uri = uri;
        DisplayName = string.IsNullOrEmpty(displayName) ? null : displayName;
        Parameters = parameters ?? GenericParameters.Empty;
    }

    /// <summary>The display name without quotes and escapes; null when there is none.</summary>
    public string? DisplayName { get; }

    public SipUri Uri { get; }

    /// <summary>The header parameters (after the '>' or after an addr-spec).</summary>
    public GenericParameters Parameters { get; }

    /// <summary>The <c>tag</c> parameter (RFC 3261 section 19.3), or null.</summary>
    public string? Tag => Parameters["tag"];

    public static NameAddress Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var s = value.AsSpan();
        var pos = 0;
        var result = Parse(s, ref pos);
        if (pos != s.Length)
        {
            SipParseError.BadRequest("Unexpected text after address");
        }

        return result;
    }

    public static bool TryParse(string? value, [NotNullWhen(true)] out NameAddress? result) => SipValue.TryParse(value, Parse, out result);

    public NameAddress WithTag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (!SipToken.IsTokenString(tag))
        {
            throw new ArgumentException($"Tag '{tag}' is not a token", nameof(tag));
        }

        return new NameAddress(Uri, DisplayName, Parameters.With("tag", tag));
    }

    public NameAddress WithParameters(GenericParameters parameters) => new(Uri, DisplayName, parameters);

    public NameAddress WithUri(SipUri uri) => new(uri, DisplayName, Parameters);

    /// <summary>The wire form, always with the URI in angle brackets: <c>"Name" &lt;uri&gt;;params</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(96);
        if (DisplayName is not null)
        {
            sb.Append(SipToken.Quote(DisplayName)).Append(' ');
        }

        sb.Append('<').Append(Uri.ToString()).Append('>');
        Parameters.AppendTo(sb);
        return sb.ToString();
    }

    /// <summary>Scans one address from <paramref name="pos"/>, leaving pos after its parameters and white space.</summary>
    internal static NameAddress Parse(ReadOnlySpan<char> s, ref int pos)
    {
        var i = SipToken.SkipWhitespace(s, pos);
        if (i >= s.Length)
        {
            SipParseError.BadRequest("Empty address");
        }

        string? displayName = null;
        SipUri uri;
        if (s[i] == '"')
        {
            // name-addr = [ display-name ] LAQUOT addr-spec RAQUOT; display-name = quoted-string
            var end = SipToken.ScanQuotedString(s, i);
            displayName = SipToken.Unquote(s[i..end]);
            i = SipToken.SkipWhitespace(s, end);
            if (i >= s.Length || s[i] != '<')
            {
                SipParseError.BadRequest("Missing '<' after display name");
            }

            uri = ParseBracketed(s, ref i);
        }
        else if (s[i] == '<')
        {
            uri = ParseBracketed(s, ref i);
        }
        else if (LooksLikeTokenDisplayName(s, i))
        {
            // display-name = *(token LWS): the tokens are kept joined by single spaces.
            var sb = new StringBuilder();
            while (s[i] != '<')
            {
                var end = SipToken.ScanToken(s, i);
                if (end == i)
                {
                    SipParseError.BadRequest("Invalid character in display name");
                }

                if (sb.Length > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(s[i..end]);
                i = SipToken.SkipWhitespace(s, end);
            }

            displayName = sb.ToString();
            uri = ParseBracketed(s, ref i);
        }
        else
        {
            // addr-spec: the URI ends at the first ';' (header parameters), white space or ','.
            var end = i;
            while (end < s.Length && s[end] is not (';' or ',' or ' ' or '\t'))
            {
                end++;
            }

            // RFC 3261 section 20: a URI with a comma, question mark or semicolon must be in angle brackets
            // (RFC 4475 section 3.1.2.13 regbadct).
            if (s[i..end].Contains('?'))
            {
                SipParseError.BadRequest("URI with headers must be enclosed in angle brackets");
            }

            uri = SipUri.Parse(s[i..end]);
            i = end;
        }

        var parameters = GenericParameters.ParseHeaderParameters(s, ref i);
        pos = i;
        return new NameAddress(uri, displayName, parameters);
    }

    private static SipUri ParseBracketed(ReadOnlySpan<char> s, ref int i)
    {
        // LAQUOT = SWS "<" and RAQUOT = ">" SWS: white space only outside the brackets
        // (RFC 3261 section 25.1; RFC 4475 section 3.1.2.14 badaspec).
        var close = s[i..].IndexOf('>');
        if (close < 0)
        {
            SipParseError.BadRequest("Missing '>' after URI");
        }

        var uri = SipUri.Parse(s.Slice(i + 1, close - 1));
        i += close + 1;
        return uri;
    }

    private static bool LooksLikeTokenDisplayName(ReadOnlySpan<char> s, int i)
    {
        // A '<' before any ';' or ',' outside quotes means the text before it is a display name.
        var lt = s[i..].IndexOfAny('<', ';', ',');
        return lt >= 0 && s[i + lt] == '<';
    }
}
