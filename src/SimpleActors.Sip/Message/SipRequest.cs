using System.Text;

namespace SimpleActors.Sip.Message;

/// <summary>A SIP request: Method SP Request-URI SP SIP-Version (RFC 3261 section 7.1).</summary>
public sealed class SipRequest : SipMessage
{
    private readonly ReadOnlyMemory<byte> rawRequestUri;
    private string? requestUriText;
    private SipUri? requestUri;

    internal SipRequest(string method, ReadOnlyMemory<byte> rawRequestUri, HeaderCollection headers, ReadOnlyMemory<byte> body)
        : base(headers, body)
    {
        Method = method;
        this.rawRequestUri = rawRequestUri;
    }

    /// <summary>A request the server builds.</summary>
    public SipRequest(string method, string requestUri, HeaderCollection? headers = null, ReadOnlyMemory<byte> body = default)
        : base(headers ?? new HeaderCollection(), body)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(requestUri);
        Method = method;
        requestUriText = requestUri;
        rawRequestUri = Encoding.UTF8.GetBytes(requestUri);
    }

    public override bool IsRequest => true;

    /// <summary>The method, case-sensitive (RFC 3261 section 7.1).</summary>
    public string Method { get; }

    /// <summary>The Request-URI as it stands on the request line.</summary>
    public string RequestUriText => requestUriText ??= Encoding.UTF8.GetString(rawRequestUri.Span);

    /// <summary>
    /// The Request-URI parsed (RFC 3261 section 25.1); a URI of another scheme comes back with
    /// <see cref="SipUri.IsSip"/> false, for the router to answer 416 (section 8.2.2.1).
    /// </summary>
    public SipUri RequestUri => requestUri ??= ParseRequestUri(RequestUriText);

    internal ReadOnlySpan<byte> RawRequestUri => rawRequestUri.Span;

    private static SipUri ParseRequestUri(string text)
    {
        try
        {
            return SipUri.Parse(text);
        }
        catch (Parsing.SipParseException e)
        {
            throw new Parsing.SipParseException(e.StatusCode, $"Invalid Request-URI: {e.Reason}");
        }
    }

    public override string StartLine => $"{Method} {RequestUriText} {Version}";

    private protected override bool StartLineEquals(SipMessage other)
        => other is SipRequest request
           && string.Equals(Method, request.Method, StringComparison.Ordinal)
           && rawRequestUri.Span.SequenceEqual(request.rawRequestUri.Span);
}
