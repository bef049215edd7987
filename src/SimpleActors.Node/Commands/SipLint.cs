using System.Text;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Node.Commands;

/// <summary>
/// What <c>simpleactors sip lint</c> says of one message: the parser and the pre-routing checks the server
/// applies to everything it receives, then either a normalised summary or <c>invalid: status reason</c>.
/// </summary>
internal static class SipLint
{
    /// <summary>Lints one message's bytes; true if valid. <paramref name="report"/> is what to print.</summary>
    public static bool Check(ReadOnlySpan<byte> bytes, SipParserLimits limits, out string report)
    {
        try
        {
            var message = new SipParser(limits).Parse(bytes);
            SipMessageValidator.Validate(message);
            report = Summarize(message);
            return true;
        }
        catch (SipParseException e)
        {
            report = $"invalid: {e.StatusCode} {e.Reason}";
            return false;
        }
    }

    /// <summary>The start line, each header row under its canonical name with its value as understood, and the body length.</summary>
    public static string Summarize(SipMessage message)
    {
        var text = new StringBuilder();
        text.Append(message.StartLine).Append('\n');
        foreach (var field in message.Headers)
        {
            text.Append(field.Name).Append(": ").Append(Normalize(field)).Append('\n');
        }

        text.Append("body: ").Append(message.Body.Length).Append(" bytes");
        return text.ToString();
    }

    private static string Normalize(HeaderField field) => field.Id switch
    {
        KnownHeader.Via => Each(field.Value, v => ViaHeader.Parse(v).ToString()),
        KnownHeader.From or KnownHeader.To or KnownHeader.Route or KnownHeader.RecordRoute or KnownHeader.Path
            => Each(field.Value, v => NameAddress.Parse(v).ToString()),
        KnownHeader.Contact => Each(field.Value, v => ContactValue.Parse(v).ToString()),
        KnownHeader.CSeq => CSeqHeader.Parse(field.Value).ToString(),
        KnownHeader.Event => EventHeader.Parse(field.Value).ToString(),
        KnownHeader.SubscriptionState => SubscriptionStateHeader.Parse(field.Value).ToString(),
        KnownHeader.ContentType or KnownHeader.Accept => Each(field.Value, v => MediaType.Parse(v).ToString()),
        KnownHeader.Require or KnownHeader.ProxyRequire or KnownHeader.Supported or KnownHeader.Unsupported
            or KnownHeader.Allow or KnownHeader.AllowEvents => string.Join(", ", HeaderValueList.ParseTokens(field.Value)),
        KnownHeader.MaxForwards or KnownHeader.Expires or KnownHeader.MinExpires or KnownHeader.ContentLength
            => field.Value.TrimStart('0') is { Length: > 0 } digits ? digits : "0",
        _ => field.Value,
    };

    private static string Each(string value, Func<string, string> normalize)
        => string.Join(", ", HeaderValueList.Split(value).Select(normalize));
}
