using System.Security.Cryptography;

namespace SimpleActors.Engine.Subscription;

/// <summary>
/// The digest of a NOTIFY body journaled with it (<see cref="NotifyIssued.BodyDigest"/>): SHA-256, its first 8 bytes as
/// 16 lower-case hex digits. Enough to tell the documents of one subscription apart and to check that a body a watcher
/// received is the one the journal says it was sent; not a signature.
/// </summary>
public static class NotifyDigest
{
    /// <summary>The length of a digest in bytes (16 hex digits).</summary>
    public const int Length = 8;

    /// <summary>The digest of <paramref name="body"/>; null for a NOTIFY without a body.</summary>
    public static string? Of(byte[]? body)
    {
        if (body is null)
        {
            return null;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        return Convert.ToHexStringLower(hash[..Length]);
    }
}
