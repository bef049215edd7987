using System.Net;
using SimpleActors.Sip.Message;

namespace SimpleActors.Sip.Transport;

/// <summary>
/// What a server writes on the top Via of a request it receives: <c>received</c> with the source address
/// when it differs from the sent-by host (RFC 3261 section 18.2.1), and, when the client asked with an empty
/// <c>rport</c>, the source port in <c>rport</c> and always a <c>received</c> (RFC 3581 section 4).
/// </summary>
public static class ViaReceived
{
    /// <summary>Stamps the top Via of <paramref name="request"/> in place; returns the stamped Via.</summary>
    public static ViaHeader Stamp(SipRequest request, IPEndPoint source)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(source);
        var index = request.Headers.IndexOf(KnownHeader.Via);
        var values = HeaderValueList.Split(request.Headers[index].Value);
        var top = ViaHeader.Parse(values[0]);
        var stamped = Stamp(top, source);
        if (!ReferenceEquals(stamped, top))
        {
            var rest = values.Count > 1 ? ", " + string.Join(", ", values.Skip(1)) : string.Empty;
            request.Headers.SetAt(index, HeaderField.Create(KnownHeader.Via, stamped + rest));
        }

        return stamped;
    }

    /// <summary>The top Via as the receiving server leaves it.</summary>
    public static ViaHeader Stamp(ViaHeader top, IPEndPoint source)
    {
        ArgumentNullException.ThrowIfNull(top);
        ArgumentNullException.ThrowIfNull(source);
        var address = source.Address.ToString();
        var wantsRport = top.HasRport && top.Rport is null;
        var sameHost = IPAddress.TryParse(top.Host.Trim('[', ']'), out var sentBy) && sentBy.Equals(source.Address);
        var result = top;
        if (!sameHost || wantsRport)
        {
            result = result.WithReceived(address);
        }

        if (wantsRport)
        {
            result = result.WithRport(source.Port);
        }

        return result;
    }

    /// <summary>
    /// Where responses to a request go over UDP (RFC 3261 section 18.2.2, RFC 3581 section 4): the received
    /// address (or sent-by host if it is an address), and the rport, else the sent-by port, else 5060.
    /// </summary>
    public static IPEndPoint? ResponseAddress(ViaHeader top)
    {
        ArgumentNullException.ThrowIfNull(top);
        var host = top.Received ?? top.Host;
        if (!IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return null;
        }

        return new IPEndPoint(address, top.Rport ?? top.Port ?? 5060);
    }
}
