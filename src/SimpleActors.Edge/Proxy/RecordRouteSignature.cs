using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Proxy;

/// <summary>
/// The mark that a dialog was record-routed by us (by any node of the cluster): a URI parameter of our Record-Route
/// value, <c>sa-rr=</c> 32 hex digits, HMAC-SHA256 over the Call-ID and the caller's From tag truncated to 16 bytes.
/// RFC 3261 section 16.4 has a proxy forward any request whose top Route names it; without the mark anyone who writes
/// a Route with our address could have us carry a request anywhere (toll fraud, reflection). The proxy keeps no dialog
/// state, so the mark is checked statelessly, as Kamailio's rr module checks its <c>ftag</c> and OpenSIPS's topology
/// hiding its <c>did</c>: a request of the dialog carries our Record-Route value back in its Route (section 12.2.1.1).
/// The callee's tag is not known when the INVITE is forwarded, so the caller's tag alone is bound; requests of the
/// callee have the tags swapped, so a request is accepted when the mark matches its From tag or its To tag. The key is
/// the cluster's (<see cref="FromSecret"/>), so that any node accepts a dialog another node record-routed.
/// </summary>
public sealed class RecordRouteSignature
{
    /// <summary>The URI parameter carrying the mark.</summary>
    public const string Parameter = "sa-rr";

    /// <summary>The shortest key accepted, in bytes.</summary>
    public const int MinimumKeyLength = 16;

    /// <summary>Bytes of the HMAC kept: 128 bits, as in the truncated MACs of RFC 2104 section 5 and RFC 4868.</summary>
    private const int MacLength = 16;

    // Separates this key from the digest nonce key drawn from the same secret (a MAC made for one use is no use for the other).
    private static readonly byte[] Purpose = "SimpleActors Record-Route signature"u8.ToArray();

    private readonly byte[] key;

    public RecordRouteSignature(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumKeyLength)
        {
            throw new ArgumentException($"A Record-Route key needs at least {MinimumKeyLength} bytes.", nameof(key));
        }

        this.key = key.ToArray();
    }

    /// <summary>
    /// The signature keyed by the cluster's secret (<c>Auth:Secret</c>, the digest nonce secret every node shares), a
    /// key of its own derived from it; empty: a random key valid in this process only (a single node, whose dialogs
    /// then end with it: a BYE after a restart is refused).
    /// </summary>
    public static RecordRouteSignature FromSecret(string? secret) =>
        string.IsNullOrEmpty(secret)
            ? WithRandomKey()
            : new RecordRouteSignature(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Purpose));

    /// <summary>A signature with a random key, valid only within this process (tests, a node without <c>Auth:Secret</c>).</summary>
    public static RecordRouteSignature WithRandomKey() => new(RandomNumberGenerator.GetBytes(32));

    /// <summary>The value of <see cref="Parameter"/> for the dialog an INVITE with this Call-ID and From tag creates.</summary>
    public string Sign(string callId, string? fromTag)
    {
        ArgumentNullException.ThrowIfNull(callId);
        Span<byte> mac = stackalloc byte[MacLength];
        Compute(callId, fromTag, mac);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>
    /// Whether <paramref name="value"/> is the mark of the dialog <paramref name="callId"/> for <paramref name="fromTag"/>
    /// or <paramref name="toTag"/> (a request of the caller, or of the callee with the tags swapped). Constant time in
    /// the value, so that its bytes cannot be found one at a time from the time a refusal takes.
    /// </summary>
    public bool Verify(string? value, string? callId, string? fromTag, string? toTag)
    {
        if (value is not { Length: MacLength * 2 } || callId is null || !TryDecodeHex(value, out var presented))
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[MacLength];
        Compute(callId, fromTag, expected);
        var matches = CryptographicOperations.FixedTimeEquals(expected, presented);
        Compute(callId, toTag, expected);
        return CryptographicOperations.FixedTimeEquals(expected, presented) | matches;
    }

    /// <summary>
    /// Whether one of the Route values naming us on top of <paramref name="request"/> (ours, section 16.4; two of them
    /// after a double Record-Route, RFC 5658 section 3.3, or one more that a client's outbound proxy setting put above)
    /// carries the mark of the request's dialog.
    /// </summary>
    public bool Signs(SipRequest request, Func<SipUri, bool> isThisServer)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(isThisServer);
        foreach (var route in request.Routes)
        {
            if (!isThisServer(route.Uri))
            {
                return false;
            }

            if (Verify(route.Uri.Parameters[Parameter], request.CallId, request.From?.Tag, request.To?.Tag))
            {
                return true;
            }
        }

        return false;
    }

    // HMAC-SHA256(key, len(Call-ID) | Call-ID | len(tag) | tag), truncated. Call-ID compares case-sensitively (RFC 3261
    // section 20.8), a tag is a token and compares case-insensitively (section 7.3.1), so the tag is taken in lower case.
    private void Compute(string callId, string? tag, Span<byte> mac)
    {
        var id = Encoding.UTF8.GetBytes(callId);
        var t = Encoding.UTF8.GetBytes((tag ?? string.Empty).ToLowerInvariant());
        var message = new byte[8 + id.Length + t.Length];
        BinaryPrimitives.WriteInt32BigEndian(message, id.Length);
        id.CopyTo(message, 4);
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(4 + id.Length), t.Length);
        t.CopyTo(message, 8 + id.Length);
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, message, full);
        full[..MacLength].CopyTo(mac);
    }

    // Hex in either case: a URI parameter's value compares case-insensitively (section 19.1.4), so a hop may change its case.
    private static bool TryDecodeHex(string value, out byte[] bytes)
    {
        bytes = new byte[MacLength];
        return Convert.FromHexString(value, bytes, out _, out var written) == System.Buffers.OperationStatus.Done && written == MacLength;
    }
}
