using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Proxy;

/// <summary>Route processing of a request that names this proxy in its Route (RFC 3261 section 16.4, loose routing).</summary>
public static class LooseRoute
{
    /// <summary>
    /// The Route values left once ours are taken off the top (section 16.4: the top value naming us is removed; a
    /// double Record-Route of RFC 5658 section 3.3 puts two of ours there, both removed), in order; null when the top
    /// Route does not name us or there is none.
    /// </summary>
    public static IReadOnlyList<string>? RemainingRoutes(SipRequest request, Func<SipUri, bool> isThisServer)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(isThisServer);
        var routes = request.Routes;
        if (routes.Count == 0 || !isThisServer(routes[0].Uri))
        {
            return null;
        }

        var ours = 1;
        while (ours < routes.Count && isThisServer(routes[ours].Uri))
        {
            ours++;
        }

        return routes.Skip(ours).Select(r => r.ToString()).ToList();
    }

    /// <summary>Where the request goes next (section 16.6 step 6 and 7): the first remaining Route, else the Request-URI.</summary>
    public static SipUri NextHop(SipRequest request, IReadOnlyList<string> remaining)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(remaining);
        return remaining.Count > 0 ? NameAddress.Parse(remaining[0]).Uri : request.RequestUri;
    }

    /// <summary>
    /// The copy forwarded (section 16.6): the Request-URI kept, the Route set what remains, Max-Forwards one less,
    /// our Via on top.
    /// </summary>
    public static SipRequest Forward(SipRequest request, IReadOnlyList<string> remaining, ViaHeader ourVia)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ForwardedRequest.Create(request, request.RequestUriText, remaining, ourVia);
    }
}
