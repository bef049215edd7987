namespace SimpleActors.Sip.Message;

/// <summary>Building the response to a request (RFC 3261 section 8.2.6).</summary>
public sealed partial class SipResponse
{
    /// <summary>
    /// A response to <paramref name="request"/>: Via rows, From, To, Call-ID and CSeq copied as they are
    /// (RFC 3261 section 8.2.6.2), and a To tag added when the request had none and the response is not
    /// 100 Trying. Anything else (Contact, Allow ...) the caller adds.
    /// </summary>
    public static SipResponse CreateFor(SipRequest request, int statusCode, string? reasonPhrase = null, string? toTag = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = new HeaderCollection();
        foreach (var field in request.Headers)
        {
            switch (field.Id)
            {
                case KnownHeader.Via or KnownHeader.From or KnownHeader.CallId or KnownHeader.CSeq:
                    headers.Add(field);
                    break;
                case KnownHeader.To:
                    headers.Add(statusCode > 100 && toTag is not null && !HasTag(request)
                        ? HeaderField.Create(KnownHeader.To, field.Value + ";tag=" + toTag)
                        : field);
                    break;
                case KnownHeader.Timestamp when statusCode == 100:
                    headers.Add(field); // RFC 3261 section 8.2.6.1
                    break;
            }
        }

        return new SipResponse(statusCode, reasonPhrase, headers);
    }

    /// <summary>
    /// A response this node makes up for a request it sent, when no response came: 408 when the transaction
    /// timed out, 503 when the transport failed (RFC 3261 section 8.1.3.1). <see cref="IsLocal"/> tells it apart
    /// from a response a peer sent.
    /// </summary>
    public static SipResponse CreateLocal(SipRequest request, int statusCode)
    {
        var response = CreateFor(request, statusCode);
        return new SipResponse(response.StatusCode, response.ReasonPhrase, response.Headers) { IsLocal = true };
    }

    /// <summary>True for a response made up here (<see cref="CreateLocal"/>), never received from a peer.</summary>
    public bool IsLocal { get; private init; }

    private static bool HasTag(SipRequest request)
    {
        try
        {
            return request.To?.Tag is not null;
        }
        catch (Parsing.SipParseException)
        {
            return true; // an unreadable To is echoed untouched
        }
    }
}
