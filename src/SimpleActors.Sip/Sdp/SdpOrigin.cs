namespace SimpleActors.Sip.Sdp;

/// <summary>
/// The origin line, <c>o=&lt;username&gt; &lt;sess-id&gt; &lt;sess-version&gt; &lt;nettype&gt; &lt;addrtype&gt; &lt;unicast-address&gt;</c>
/// (RFC 8866 section 5.2). The fields are kept as text: real clients send session ids that are not numbers.
/// </summary>
public sealed record SdpOrigin
{
    /// <summary>Throws <see cref="ArgumentException"/> when a field is empty or holds whitespace.</summary>
    public SdpOrigin(string userName, string sessionId, string sessionVersion, string networkType, string addressType, string address)
    {
        foreach (var (field, name) in new[]
                 {
                     (userName, nameof(userName)), (sessionId, nameof(sessionId)), (sessionVersion, nameof(sessionVersion)),
                     (networkType, nameof(networkType)), (addressType, nameof(addressType)), (address, nameof(address)),
                 })
        {
            if (!SdpFields.IsField(field))
            {
                throw new ArgumentException($"'{field}' is not an o= field", name);
            }
        }

        UserName = userName;
        SessionId = sessionId;
        SessionVersion = sessionVersion;
        NetworkType = networkType;
        AddressType = addressType;
        Address = address;
    }

    /// <summary>The user's login on the originating host, or <c>-</c>.</summary>
    public string UserName { get; }

    public string SessionId { get; }

    /// <summary>Increased each time the description changes (RFC 3264 section 8).</summary>
    public string SessionVersion { get; }

    /// <summary><c>IN</c>.</summary>
    public string NetworkType { get; }

    /// <summary><c>IP4</c> or <c>IP6</c>.</summary>
    public string AddressType { get; }

    public string Address { get; }

    /// <summary>Reads the value of an o= line; throws <see cref="SdpFormatException"/> unless it has six fields.</summary>
    public static SdpOrigin Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var fields = SdpFields.Split(value);
        if (fields.Length != 6 || !SdpLine.IsValue(value))
        {
            SdpError.Throw("o= needs six fields: username sess-id sess-version nettype addrtype address");
        }

        return new SdpOrigin(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
    }

    public SdpLine ToLine() => new('o', ToString());

    public override string ToString() => $"{UserName} {SessionId} {SessionVersion} {NetworkType} {AddressType} {Address}";
}
