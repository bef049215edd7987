using System.Text;

namespace SimpleActors.Sip.Message;

/// <summary>A SIP response: SIP-Version SP Status-Code SP Reason-Phrase (RFC 3261 section 7.2).</summary>
public sealed partial class SipResponse : SipMessage
{
    private readonly ReadOnlyMemory<byte> rawReasonPhrase;
    private string? reasonPhrase;

    internal SipResponse(int statusCode, ReadOnlyMemory<byte> rawReasonPhrase, HeaderCollection headers, ReadOnlyMemory<byte> body)
        : base(headers, body)
    {
        StatusCode = statusCode;
        this.rawReasonPhrase = rawReasonPhrase;
    }

    /// <summary>A response the server builds; the reason phrase defaults to the RFC's.</summary>
    public SipResponse(int statusCode, string? reasonPhrase = null, HeaderCollection? headers = null, ReadOnlyMemory<byte> body = default)
        : base(headers ?? new HeaderCollection(), body)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 699);
        StatusCode = statusCode;
        this.reasonPhrase = reasonPhrase ?? SipStatus.ReasonPhrase(statusCode);
        rawReasonPhrase = Encoding.UTF8.GetBytes(this.reasonPhrase);
    }

    public override bool IsRequest => false;

    /// <summary>Three digits, 100 to 699.</summary>
    public int StatusCode { get; }

    /// <summary>Free text; may be empty (RFC 4475 section 3.1.1.13).</summary>
    public string ReasonPhrase => reasonPhrase ??= Encoding.UTF8.GetString(rawReasonPhrase.Span);

    internal ReadOnlySpan<byte> RawReasonPhrase => rawReasonPhrase.Span;

    /// <summary>1xx.</summary>
    public bool IsProvisional => StatusCode < 200;

    /// <summary>2xx.</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public override string StartLine => $"{Version} {StatusCode} {ReasonPhrase}";

    private protected override bool StartLineEquals(SipMessage other)
        => other is SipResponse response
           && StatusCode == response.StatusCode
           && rawReasonPhrase.Span.SequenceEqual(response.rawReasonPhrase.Span);
}
