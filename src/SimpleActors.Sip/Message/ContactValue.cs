using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Message;

/// <summary>
/// One Contact header value (RFC 3261 section 20.10): the wildcard <c>*</c>, or an address with contact-params
/// (q, expires, and the RFC 5626 <c>+sip.instance</c> and <c>reg-id</c>).
/// Split a multi-valued Contact header with <see cref="HeaderValueList.Split"/> first.
/// </summary>
public sealed class ContactValue
{
    private ContactValue(NameAddress? address)
    {
        Address = address;
        if (address is null)
        {
            return;
        }

        var p = address.Parameters;
        Expires = p.TryGetValue("expires", out var expires) ? ParseDeltaSeconds(expires, "expires") : null;
        Q = p.TryGetValue("q", out var q) ? ParseQValue(q) : null;
        RegId = p.TryGetValue("reg-id", out var regId) ? ParseRegId(regId) : null;
        SipInstance = p.TryGetValue("+sip.instance", out var instance) && instance is not null ? SipToken.Unquote(instance) : null;
    }

    /// <summary>The wildcard <c>Contact: *</c> (RFC 3261 section 10.2.2: remove all bindings).</summary>
    public static ContactValue Wildcard { get; } = new(null);

    public bool IsWildcard => Address is null;

    /// <summary>The address; null for the wildcard.</summary>
    public NameAddress? Address { get; }

    /// <summary>The <c>expires</c> parameter in seconds (values beyond int range are capped).</summary>
    public int? Expires { get; }

    /// <summary>The <c>q</c> parameter, 0 to 1 with at most three decimals.</summary>
    public decimal? Q { get; }

    /// <summary>The <c>+sip.instance</c> parameter unquoted, e.g. <c>&lt;urn:uuid:...&gt;</c> (RFC 5626 section 4.1).</summary>
    public string? SipInstance { get; }

    /// <summary>The instance URN without the angle brackets, e.g. <c>urn:uuid:...</c>.</summary>
    public string? SipInstanceUrn => SipInstance is { Length: >= 2 } v && v[0] == '<' && v[^1] == '>' ? v[1..^1] : SipInstance;

    /// <summary>The <c>reg-id</c> parameter (RFC 5626 section 4.2).</summary>
    public int? RegId { get; }

    public static ContactValue FromAddress(NameAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new ContactValue(address);
    }

    public static ContactValue Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var s = SipToken.TrimWhitespace(value.AsSpan());
        if (s is "*")
        {
            return Wildcard;
        }

        var pos = 0;
        var address = NameAddress.Parse(s, ref pos);
        if (pos != s.Length)
        {
            SipParseError.BadRequest("Unexpected text after contact");
        }

        return new ContactValue(address);
    }

    public static bool TryParse(string? value, [NotNullWhen(true)] out ContactValue? result) => SipValue.TryParse(value, Parse, out result);

    /// <summary>Parses a whole Contact header value: <c>*</c> or a comma-separated list of addresses.</summary>
    public static IReadOnlyList<ContactValue> ParseList(string value)
    {
        var items = HeaderValueList.Split(value);
        var result = new ContactValue[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            result[i] = Parse(items[i]);
        }

        if (result.Length > 1 && result.Any(c => c.IsWildcard))
        {
            SipParseError.BadRequest("Wildcard Contact mixed with addresses");
        }

        return result;
    }

    /// <summary>A copy with the <c>expires</c> parameter set.</summary>
    public ContactValue WithExpires(int seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        var address = Address ?? throw new InvalidOperationException("The wildcard contact has no parameters");
        return new ContactValue(address.WithParameters(address.Parameters.With("expires", seconds.ToString(CultureInfo.InvariantCulture))));
    }

    public override string ToString() => Address?.ToString() ?? "*";

    /// <summary>delta-seconds = 1*DIGIT; values above int range are capped (RFC 3261 section 20.19 allows up to 2^32-1).</summary>
    internal static int ParseDeltaSeconds(string? value, string name)
    {
        if (string.IsNullOrEmpty(value) || value.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return SipParseError.BadRequest<int>($"Invalid {name} value");
        }

        long result = 0;
        foreach (var c in value)
        {
            result = Math.Min(result * 10 + (c - '0'), int.MaxValue);
        }

        return (int)result;
    }

    /// <summary>qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ) (RFC 3261 section 25.1).</summary>
    internal static decimal ParseQValue(string? value)
    {
        var s = value.AsSpan();
        var ok = s.Length is >= 1 and <= 5 && s[0] is '0' or '1'
            && (s.Length == 1 || (s[1] == '.' && !s[2..].ContainsAnyExceptInRange('0', '9')))
            && (s[0] == '0' || s.Length < 2 || !s[2..].ContainsAnyExcept('0'));
        if (!ok)
        {
            SipParseError.BadRequest("Invalid q value");
        }

        return s.Length <= 2 ? s[0] - '0' : decimal.Parse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }

    private static int ParseRegId(string? value)
    {
        // reg-id = 1*DIGIT, 1 to 2^31-1 (RFC 5626 section 4.2)
        var id = ParseDeltaSeconds(value, "reg-id");
        return id == 0 ? SipParseError.BadRequest<int>("Invalid reg-id value") : id;
    }
}
