using System.Globalization;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge;

/// <summary>503 Service Unavailable with Retry-After (RFC 3261 section 21.5.4): the answer of a node that is leaving or overloaded.</summary>
public static class Unavailable
{
    /// <summary>The response, its Retry-After in seconds (RFC 3261 section 20.33).</summary>
    public static SipResponse Response(SipRequest request, int retryAfterSeconds, string toTag)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfterSeconds, 0);
        var busy = SipResponse.CreateFor(request, 503, toTag: toTag);
        busy.Headers.Add(KnownHeader.RetryAfter, retryAfterSeconds.ToString(CultureInfo.InvariantCulture));
        return busy;
    }

    /// <summary>
    /// The Retry-After of an overloaded node: between <paramref name="least"/> and twice it, as <paramref name="random"/>
    /// (0 to 1) falls, so that the clients sent away in one burst come back spread out rather than in another burst.
    /// </summary>
    public static int RetryAfterSeconds(TimeSpan least, double random)
    {
        var seconds = Math.Max(1, (int)least.TotalSeconds);
        return seconds + (int)(Math.Clamp(random, 0, 1) * seconds);
    }
}
