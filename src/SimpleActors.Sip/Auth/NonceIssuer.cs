using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace SimpleActors.Sip.Auth;

/// <summary>
/// Stateless, self-validating nonces: base64url(issued-at ticks | random | flags | HMAC-SHA256(secret,
/// issued-at | random | flags | realm)). The one flag marks a nonce issued in answer to wrong credentials.
/// Any node holding the same secret validates a nonce another node issued, without shared state. In a cluster every node must therefore be configured with the same
/// secret (<c>Auth:Secret</c>); a per-process random secret only suits a single node, and its nonces
/// die with the process (clients then get one extra 401 and retry).
/// </summary>
public sealed class NonceIssuer
{
    /// <summary>The shortest secret accepted, in bytes.</summary>
    public const int MinimumSecretLength = 16;

    private const int TicksLength = sizeof(long);
    private const int RandomLength = 11;
    private const int FlagsLength = 1;
    private const byte AfterWrongCredentialsFlag = 1;
    private const int MacLength = 32;
    private const int SignedLength = TicksLength + RandomLength + FlagsLength;
    private const int NonceLength = SignedLength + MacLength;

    private readonly byte[] _secret;

    public NonceIssuer(ReadOnlySpan<byte> secret, TimeSpan lifetime)
    {
        if (secret.Length < MinimumSecretLength)
        {
            throw new ArgumentException($"A nonce secret needs at least {MinimumSecretLength} bytes.", nameof(secret));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        _secret = secret.ToArray();
        Lifetime = lifetime;
    }

    /// <summary>How long a nonce is accepted after it was issued; after that it is stale.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>
    /// How far in the future an issue time may lie (another node's clock running ahead) before the
    /// nonce is refused as not ours.
    /// </summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>An issuer with a random secret, valid only within this process.</summary>
    public static NonceIssuer WithRandomSecret(TimeSpan lifetime) =>
        new(RandomNumberGenerator.GetBytes(32), lifetime);

    /// <summary>An issuer whose secret is the UTF-8 bytes of <paramref name="secret"/> (configuration).</summary>
    public static NonceIssuer FromSecret(string secret, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return new NonceIssuer(Encoding.UTF8.GetBytes(secret), lifetime);
    }

    /// <summary>
    /// A fresh nonce for <paramref name="realm"/>, issued at <paramref name="now"/>;
    /// <paramref name="afterWrongCredentials"/> marks it as the answer to wrong credentials.
    /// </summary>
    public string Issue(string realm, DateTimeOffset now, bool afterWrongCredentials = false)
    {
        ArgumentNullException.ThrowIfNull(realm);
        Span<byte> nonce = stackalloc byte[NonceLength];
        BinaryPrimitives.WriteInt64BigEndian(nonce, now.UtcTicks);
        RandomNumberGenerator.Fill(nonce.Slice(TicksLength, RandomLength));
        nonce[TicksLength + RandomLength] = afterWrongCredentials ? AfterWrongCredentialsFlag : (byte)0;
        Sign(nonce[..SignedLength], realm, nonce[SignedLength..]);
        return Base64Url.EncodeToString(nonce);
    }

    /// <summary>
    /// <see cref="Check(string?, string, DateTimeOffset, out DateTimeOffset)"/>, and whether an authentic nonce was
    /// issued in answer to wrong credentials.
    /// </summary>
    public NonceStatus Check(string? nonce, string realm, DateTimeOffset now, out DateTimeOffset expiresAt, out bool afterWrongCredentials)
    {
        var status = Check(nonce, realm, now, out expiresAt);
        afterWrongCredentials = status != NonceStatus.Invalid
                                && Base64Url.DecodeFromChars(nonce!)[TicksLength + RandomLength] == AfterWrongCredentialsFlag;
        return status;
    }

    /// <summary>
    /// Checks a nonce sent back for <paramref name="realm"/>; when authentic, <paramref name="expiresAt"/>
    /// is the end of its lifetime (used to forget its nonce-count).
    /// </summary>
    public NonceStatus Check(string? nonce, string realm, DateTimeOffset now, out DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(realm);
        expiresAt = default;
        if (nonce is null || Base64Url.GetMaxDecodedLength(nonce.Length) < NonceLength || nonce.Length > 2 * NonceLength)
        {
            return NonceStatus.Invalid;
        }

        Span<byte> bytes = stackalloc byte[Base64Url.GetMaxDecodedLength(nonce.Length)];
        if (!Base64Url.TryDecodeFromChars(nonce, bytes, out var written) || written != NonceLength)
        {
            return NonceStatus.Invalid;
        }

        Span<byte> expected = stackalloc byte[MacLength];
        Sign(bytes[..SignedLength], realm, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.Slice(SignedLength, MacLength)))
        {
            return NonceStatus.Invalid;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks - Lifetime.Ticks)
        {
            return NonceStatus.Invalid;
        }

        var issuedAt = new DateTimeOffset(ticks, TimeSpan.Zero);
        if (issuedAt > now + MaxClockSkew)
        {
            return NonceStatus.Invalid;
        }

        expiresAt = issuedAt + Lifetime;
        return now < expiresAt ? NonceStatus.Valid : NonceStatus.Stale;
    }

    private void Sign(ReadOnlySpan<byte> signed, string realm, Span<byte> mac)
    {
        var realmBytes = Encoding.UTF8.GetBytes(realm);
        var data = new byte[signed.Length + 1 + realmBytes.Length];
        signed.CopyTo(data);
        data[signed.Length] = (byte)'|';
        realmBytes.CopyTo(data.AsSpan(signed.Length + 1));
        HMACSHA256.HashData(_secret, data, mac);
    }
}
