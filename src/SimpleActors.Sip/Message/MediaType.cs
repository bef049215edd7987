using System.Diagnostics.CodeAnalysis;
using System.Text;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Message;

/// <summary>
/// media-type = m-type SLASH m-subtype *( SEMI m-parameter ) (RFC 3261 section 20.15), also used for one
/// media-range of Accept (section 20.1), where <c>*/*</c> and <c>type/*</c> are allowed and <c>q</c> weighs it.
/// </summary>
public sealed class MediaType
{
    public MediaType(string type, string subtype, GenericParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(subtype);
        if (!SipToken.IsTokenString(type) || !SipToken.IsTokenString(subtype) || (type == "*" && subtype != "*"))
        {
            throw new ArgumentException($"'{type}/{subtype}' is not a media type");
        }

        Type = type;
        Subtype = subtype;
        Parameters = parameters ?? GenericParameters.Empty;
    }

    public string Type { get; }

    public string Subtype { get; }

    public GenericParameters Parameters { get; }

    /// <summary><c>type/subtype</c> without parameters.</summary>
    public string Essence => Type + "/" + Subtype;

    /// <summary>True for <c>*/*</c> or <c>type/*</c>.</summary>
    public bool IsWildcard => Subtype == "*";

    /// <summary>The <c>q</c> weight of an Accept media-range; null when absent.</summary>
    public decimal? Q => Parameters.TryGetValue("q", out var q) ? ContactValue.ParseQValue(q) : null;

    /// <summary>The <c>charset</c> parameter, unquoted.</summary>
    public string? Charset => Parameters.GetUnquoted("charset");

    /// <summary>
    /// True when this type or range covers <paramref name="type"/>/<paramref name="subtype"/>, comparing case-insensitively
    /// (<c>*/*</c> covers everything, <c>application/*</c> every application type).
    /// </summary>
    public bool Matches(string type, string subtype)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(subtype);
        if (Type == "*")
        {
            return true;
        }

        return string.Equals(Type, type, StringComparison.OrdinalIgnoreCase)
            && (Subtype == "*" || string.Equals(Subtype, subtype, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True when this type or range covers the type and subtype of <paramref name="other"/>.</summary>
    public bool Matches(MediaType other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Matches(other.Type, other.Subtype);
    }

    public static MediaType Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var s = value.AsSpan();
        var i = SipToken.SkipWhitespace(s, 0);
        var end = SipToken.ScanToken(s, i);
        var type = s[i..end];
        i = SipToken.SkipWhitespace(s, end);
        if (type.IsEmpty || i >= s.Length || s[i] != '/')
        {
            SipParseError.BadRequest("Invalid media type");
        }

        i = SipToken.SkipWhitespace(s, i + 1);
        end = SipToken.ScanToken(s, i);
        var subtype = s[i..end];
        if (subtype.IsEmpty || (type is "*" && subtype is not "*"))
        {
            SipParseError.BadRequest("Invalid media subtype");
        }

        i = end;
        var parameters = GenericParameters.ParseHeaderParameters(s, ref i);
        if (i != s.Length)
        {
            SipParseError.BadRequest("Unexpected text in media type");
        }

        if (parameters.TryGetValue("q", out var q))
        {
            ContactValue.ParseQValue(q);
        }

        return new MediaType(type.ToString(), subtype.ToString(), parameters);
    }

    public static bool TryParse(string? value, [NotNullWhen(true)] out MediaType? result) => SipValue.TryParse(value, Parse, out result);

    /// <summary>Parses an Accept header value: a comma-separated list of media ranges (possibly empty).</summary>
    public static IReadOnlyList<MediaType> ParseList(string value) => HeaderValueList.Split(value).Select(Parse).ToArray();

    public override string ToString()
    {
        var sb = new StringBuilder(Type).Append('/').Append(Subtype);
        Parameters.AppendTo(sb);
        return sb.ToString();
    }
}
