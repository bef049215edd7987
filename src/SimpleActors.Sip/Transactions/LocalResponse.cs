using SimpleActors.Sip.Message;

namespace SimpleActors.Sip.Transactions;

/// <summary>
/// A response built from a request without a TU's help: 100 Trying (RFC 3261 section 17.2.1), 482 for a
/// merged request (section 8.2.2.2), 483 (section 16.3), and the 408/503 a client TU sees when its transaction
/// times out or its transport fails (section 8.1.3.1).
/// </summary>
public static class LocalResponse
{
    /// <summary>
    /// A response carrying the request's Via rows, From, To, Call-ID and CSeq (RFC 3261 section 8.2.6.2), and
    /// for 100 its Timestamp (section 8.2.6.1). <paramref name="toTag"/> is added to a To without a tag; a 100
    /// gets none (section 8.2.6.2: a 100 Trying MAY lack it, and a tag there would name a dialog we do not make).
    /// </summary>
    public static SipResponse Create(SipRequest request, int statusCode, string? toTag = null, string? reasonPhrase = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = new HeaderCollection();
        foreach (var field in request.Headers)
        {
            switch (field.Id)
            {
                case KnownHeader.To when toTag is not null && statusCode > 100 && request.To is { Tag: null } to:
                    headers.Add(KnownHeader.To, to.WithTag(toTag).ToString());
                    break;
                case KnownHeader.Via or KnownHeader.From or KnownHeader.To or KnownHeader.CallId or KnownHeader.CSeq:
                    headers.Add(field);
                    break;
                case KnownHeader.Timestamp when statusCode == 100:
                    headers.Add(field);
                    break;
            }
        }

        return new SipResponse(statusCode, reasonPhrase, headers);
    }
}
