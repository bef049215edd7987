using System.Net;
using System.Net.Sockets;

namespace SimpleActors.Sip.Sdp;

/// <summary>
/// The connection line, <c>c=&lt;nettype&gt; &lt;addrtype&gt; &lt;connection-address&gt;</c> (RFC 8866 section 5.7).
/// For MSRP it matters under CEMA only (RFC 6714): otherwise a=path says where to connect (RFC 4975 section 8.1).
/// </summary>
public sealed record SdpConnection
{
    /// <summary>Throws <see cref="ArgumentException"/> when a field is empty or holds whitespace.</summary>
    public SdpConnection(string networkType, string addressType, string address)
    {
        if (!SdpFields.IsField(networkType) || !SdpFields.IsField(addressType) || !SdpFields.IsField(address))
        {
            throw new ArgumentException($"'{networkType} {addressType} {address}' is not a c= value");
        }

        NetworkType = networkType;
        AddressType = addressType;
        Address = address;
    }

    /// <summary><c>IN</c>.</summary>
    public string NetworkType { get; }

    /// <summary><c>IP4</c> or <c>IP6</c>.</summary>
    public string AddressType { get; }

    /// <summary>The address as written: a literal or a host name, for multicast with <c>/ttl</c> and <c>/count</c>.</summary>
    public string Address { get; }

    /// <summary>The address without a multicast <c>/ttl</c> or <c>/count</c> suffix.</summary>
    public string Host => Address.Split('/')[0];

    /// <summary><c>IN IP6</c> for an IPv6 literal (brackets dropped), <c>IN IP4</c> for an IPv4 literal or a host name.</summary>
    public static SdpConnection For(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var bare = address.StartsWith('[') && address.EndsWith(']') ? address[1..^1] : address;
        var ip6 = IPAddress.TryParse(bare, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6;
        return new SdpConnection("IN", ip6 ? "IP6" : "IP4", bare);
    }

    /// <summary>Reads the value of a c= line; throws <see cref="SdpFormatException"/> unless it has three fields.</summary>
    public static SdpConnection Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var fields = SdpFields.Split(value);
        if (fields.Length != 3 || !SdpLine.IsValue(value))
        {
            SdpError.Throw("c= needs three fields: nettype addrtype connection-address");
        }

        return new SdpConnection(fields[0], fields[1], fields[2]);
    }

    public SdpLine ToLine() => new('c', ToString());

    public override string ToString() => $"{NetworkType} {AddressType} {Address}";
}
