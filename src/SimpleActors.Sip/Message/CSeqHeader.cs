using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Message;

/// <summary>CSeq = 1*DIGIT LWS Method (RFC 3261 section 20.16); the number is below 2^31 (section 8.1.1.5).</summary>
public sealed record CSeqHeader
{
    public const uint MaxNumber = int.MaxValue;

    public CSeqHeader(uint number, string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, MaxNumber);
        if (!SipToken.IsTokenString(method))
        {
            throw new ArgumentException($"Method '{method}' is not a token", nameof(method));
        }

        Number = number;
        Method = method;
    }

    public uint Number { get; }

    /// <summary>The method, case-sensitive as RFC 3261 section 7.1 says.</summary>
    public string Method { get; }

    public static CSeqHeader Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var s = SipToken.TrimWhitespace(value.AsSpan());
        var i = 0;
        ulong number = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            number = Math.Min(number * 10 + (ulong)(s[i] - '0'), (ulong)MaxNumber + 1);
            i++;
        }

        if (i == 0)
        {
            SipParseError.BadRequest("Missing CSeq number");
        }

        if (number > MaxNumber)
        {
            SipParseError.BadRequest("CSeq number out of range");
        }

        var methodStart = SipToken.SkipWhitespace(s, i);
        if (methodStart == i || !SipToken.IsTokenString(s[methodStart..]))
        {
            SipParseError.BadRequest("Invalid CSeq method");
        }

        return new CSeqHeader((uint)number, s[methodStart..].ToString());
    }

    public static bool TryParse(string? value, [NotNullWhen(true)] out CSeqHeader? result) => SipValue.TryParse(value, Parse, out result);

    public override string ToString() => Number.ToString(CultureInfo.InvariantCulture) + " " + Method;
}
