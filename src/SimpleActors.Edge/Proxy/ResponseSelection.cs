using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Proxy;

/// <summary>Choosing the response a forking proxy relays (RFC 3261 section 16.7, step 6).</summary>
public static class ResponseSelection
{
    /// <summary>
    /// The best of the final responses of all branches: any 6xx, else the lowest class, preferring within
    /// 4xx the ones a client can act on (401/407/415/420/484), and 503 turned into 500 (section 16.7 step 6).
    /// </summary>
    public static SipResponse Best(IReadOnlyList<SipResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        if (responses.Count == 0)
        {
            throw new ArgumentException("No response to choose from", nameof(responses));
        }

        var best = responses.FirstOrDefault(r => r.StatusCode >= 600)
                   ?? responses.OrderBy(r => r.StatusCode / 100).ThenBy(Preference).ThenBy(r => r.StatusCode).First();
        return best.StatusCode == 503 ? Relabel(best, 500) : best;
    }

    private static int Preference(SipResponse response) => response.StatusCode is 401 or 407 or 415 or 420 or 484 ? 0 : 1;

    private static SipResponse Relabel(SipResponse response, int statusCode)
        => new(statusCode, null, response.Headers.Clone(), response.Body);

    /// <summary>
    /// A response from a branch made ready to relay: our Via removed (RFC 3261 section 16.7 step 3), leaving
    /// the Vias of the request we received.
    /// </summary>
    public static SipResponse WithoutTopVia(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = response.Headers.Clone();
        var index = headers.IndexOf(KnownHeader.Via);
        if (index >= 0)
        {
            var values = HeaderValueList.Split(headers[index].Value);
            if (values.Count > 1)
            {
                headers.SetAt(index, HeaderField.Create(KnownHeader.Via, string.Join(", ", values.Skip(1))));
            }
            else
            {
                headers.RemoveAt(index);
            }
        }

        return new SipResponse(response.StatusCode, response.ReasonPhrase, headers, response.Body);
    }
}
