using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Proxy;

/// <summary>The Record-Route a proxy inserts to stay on the path of a dialog (RFC 3261 section 16.6 step 4).</summary>
public static class RecordRoute
{
    /// <summary>
    /// Our Record-Route value for the interface our Via names: <c>&lt;sip:host:port;transport=x;lr;sa-rr=mark&gt;</c> (a
    /// loose router, section 16.6 step 4; the transport so that requests come back over the one it names; the mark of
    /// the dialog, <see cref="RecordRouteSignature"/>, so that only requests of a dialog we record-routed are forwarded).
    /// </summary>
    public static string For(ViaHeader ourVia, string signature)
    {
        ArgumentNullException.ThrowIfNull(ourVia);
        ArgumentException.ThrowIfNullOrEmpty(signature);
        var port = ourVia.Port is { } p ? ":" + p.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
        return $"<sip:{ourVia.Host}{port};transport={ourVia.Transport.ToLowerInvariant()};lr;{RecordRouteSignature.Parameter}={signature}>";
    }

    /// <summary>
    /// The values to insert, topmost first. One when the request leaves over the interface it came in on; two when
    /// not (RFC 5658 section 3.3, double record-routing): the one facing the callee on top, which the callee uses, and
    /// the one facing the caller below it, which the caller uses first in its reversed route set (section 12.1.2).
    /// Both carry the dialog's mark, <paramref name="signature"/>.
    /// </summary>
    public static IReadOnlyList<string> Values(ViaHeader inbound, ViaHeader outbound, string signature)
    {
        var callee = For(outbound, signature);
        var caller = For(inbound, signature);
        return callee == caller ? [callee] : [callee, caller];
    }

    /// <summary>A copy of <paramref name="request"/> with <paramref name="values"/> above its Record-Route values.</summary>
    public static SipRequest Insert(SipRequest request, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(values);
        var headers = request.Headers.Clone();
        var at = headers.IndexOf(KnownHeader.RecordRoute);
        if (at < 0)
        {
            at = 0;
            for (var i = 0; i < headers.Count; i++)
            {
                if (headers[i].Id == KnownHeader.Via)
                {
                    at = i + 1; // below the Vias, which are read first
                }
            }
        }

        foreach (var value in values)
        {
            headers.Insert(at++, HeaderField.Create(KnownHeader.RecordRoute, value));
        }

        return new SipRequest(request.Method, request.RequestUriText, headers, request.Body);
    }
}
