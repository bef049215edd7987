using System.Globalization;
using System.Net;
using SimpleActors.Engine.Registration;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Proxy;

/// <summary>Building a request a proxy forwards to one target (RFC 3261 section 16.6).</summary>
public static class ForwardedRequest
{
    /// <summary>RFC 3261 section 18.1.1: above this size, with an unknown path MTU, a request goes over a congestion-controlled transport.</summary>
    public const int UdpSizeLimit = 1300;

    /// <summary>
    /// A copy of <paramref name="original"/> for one target: the Request-URI replaced by the contact (step 2),
    /// Max-Forwards decremented (step 3), Route set from the binding's Path (RFC 3327 section 5.2), and our Via
    /// on top (step 8). The original is not changed.
    /// </summary>
    public static SipRequest Create(SipRequest original, string targetUri, IReadOnlyList<string> path, ViaHeader ourVia)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(ourVia);
        var headers = original.Headers.Clone();
        headers.Set(KnownHeader.MaxForwards, ((original.MaxForwards ?? 70) - 1).ToString(CultureInfo.InvariantCulture));
        headers.RemoveAll(KnownHeader.Route);

        // Proxy-Authorization for us is consumed here (RFC 3261 section 22.3); it must not travel on.
        headers.RemoveAll(KnownHeader.ProxyAuthorization);
        var insertAt = 0;
        foreach (var route in path)
        {
            headers.Insert(insertAt++, HeaderField.Create(KnownHeader.Route, route));
        }

        headers.Insert(0, HeaderField.Create(KnownHeader.Via, ourVia.ToString()));
        return new SipRequest(original.Method, targetUri, headers, original.Body);
    }

    /// <summary>
    /// Where to send a request for a binding. With a Path, to its first hop (RFC 3327 section 5.2). Else over
    /// the flow the REGISTER came in on when the client asked for that (RFC 5626: +sip.instance with reg-id),
    /// when the flow is a connection from the contact's own address (connection reuse, RFC 3261 section 18.1.1,
    /// RFC 5923's reasoning), or when the contact names another address than the one the REGISTER came from
    /// (a client behind NAT, whose contact is unreachable); otherwise to the contact's address (RFC 3261
    /// section 16.6 and 8.1.2). Null when nothing usable is known (a host name would need DNS, RFC 3263).
    /// </summary>
    public static SipDestination? DestinationFor(Binding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        if (binding.Path.Count > 0)
        {
            return AddressOf(NameAddress.Parse(binding.Path[0]).Uri);
        }

        var flow = SipDestination.Back(binding.Flow);
        if (binding.SipInstance is not null && binding.RegId is not null)
        {
            return flow;
        }

        var contact = SipUri.TryParse(binding.Uri, out var uri) && uri.IsSip ? AddressOf(uri) : null;
        if (contact is null || !contact.EndPoint.Address.Equals(binding.Flow.Remote.Address))
        {
            return flow; // a host name, or an address the REGISTER did not come from (NAT)
        }

        // Over a stream the flow is preferred; should its connection be gone, a new one goes to the contact's
        // own address (its listening port), not to the ephemeral port the old connection came from.
        return binding.Flow.Transport.IsStream() ? flow with { EndPoint = contact.EndPoint } : contact;
    }

    /// <summary>The transport and address a SIP URI names, when its host is an IP address.</summary>
    public static SipDestination? AddressOf(SipUri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var transport = uri.Transport is { } name && SipTransportExtensions.TryParseViaName(name, out var parsed)
            ? parsed
            : uri.IsSecure ? SipTransport.Tls : SipTransport.Udp;
        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address)
            ? new SipDestination(transport, new IPEndPoint(address, uri.Port ?? transport.DefaultPort()))
            : null;
    }

    /// <summary>
    /// RFC 3261 section 18.1.1 / RFC 3428 section 7: a request over 1300 bytes is not sent over UDP; it goes over
    /// TCP to the same address instead.
    /// </summary>
    public static SipDestination ForSize(SipDestination destination, int size)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return destination.Transport == SipTransport.Udp && size > UdpSizeLimit
            ? new SipDestination(SipTransport.Tcp, destination.EndPoint)
            : destination;
    }
}
