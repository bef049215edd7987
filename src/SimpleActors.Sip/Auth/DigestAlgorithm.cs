using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace SimpleActors.Sip.Auth;

/// <summary>
/// A digest algorithm (RFC 7616 section 3.2, RFC 8760 section 2): MD5 or SHA-256, each with its
/// <c>-sess</c> variant. <see cref="Base"/> names the hash whose HA1 the user store keeps.
/// </summary>
public sealed class DigestAlgorithm
{
    public static readonly DigestAlgorithm Md5 = new("MD5", HashAlgorithmName.MD5, isSession: false);

    public static readonly DigestAlgorithm Md5Session = new("MD5-sess", HashAlgorithmName.MD5, isSession: true);

    public static readonly DigestAlgorithm Sha256 = new("SHA-256", HashAlgorithmName.SHA256, isSession: false);

    public static readonly DigestAlgorithm Sha256Session = new("SHA-256-sess", HashAlgorithmName.SHA256, isSession: true);

    /// <summary>
    /// The algorithms a server offers by default, in order of preference (RFC 8760 section 2.4): MD5 first, which
    /// every client answers, also those that read only the first challenge; SHA-256 for clients that prefer it.
    /// </summary>
    public static readonly IReadOnlyList<DigestAlgorithm> Offered = [Md5, Sha256];

    /// <summary>The algorithms whose HA1 is stored per user (the <c>-sess</c> variants derive theirs from these).</summary>
    public static readonly IReadOnlyList<DigestAlgorithm> Stored = [Sha256, Md5];

    private static readonly DigestAlgorithm[] All = [Md5, Md5Session, Sha256, Sha256Session];

    private readonly HashAlgorithmName _hash;

    private DigestAlgorithm(string name, HashAlgorithmName hash, bool isSession)
    {
        Name = name;
        _hash = hash;
        IsSession = isSession;
    }

    /// <summary>The value of the <c>algorithm</c> parameter, e.g. <c>SHA-256</c>.</summary>
    public string Name { get; }

    /// <summary>True for <c>MD5-sess</c> and <c>SHA-256-sess</c> (RFC 7616 section 3.4.2).</summary>
    public bool IsSession { get; }

    /// <summary>The algorithm without <c>-sess</c>: the one whose HA1 is stored.</summary>
    public DigestAlgorithm Base => IsSession ? (_hash == HashAlgorithmName.MD5 ? Md5 : Sha256) : this;

    /// <summary>The length of a hash in lower-case hex digits.</summary>
    public int HexLength => _hash == HashAlgorithmName.MD5 ? 32 : 64;

    /// <summary>
    /// The algorithm named by an <c>algorithm</c> parameter, compared case-insensitively; an absent
    /// parameter means MD5 (RFC 7616 section 3.3).
    /// </summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out DigestAlgorithm? algorithm)
    {
        if (name is null)
        {
            algorithm = Md5;
            return true;
        }

        algorithm = All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));
        return algorithm is not null;
    }

    /// <summary>H(data): the hash of the UTF-8 bytes of <paramref name="data"/> as lower-case hex (RFC 7616 section 3.4.1).</summary>
    public string Hash(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var bytes = Encoding.UTF8.GetBytes(data);
        // MD5 is what RFC 3261 digest and most SIP clients still use; SHA-256 is offered too (RFC 8760).
#pragma warning disable CA5351
        var digest = _hash == HashAlgorithmName.MD5 ? MD5.HashData(bytes) : SHA256.HashData(bytes);
#pragma warning restore CA5351
        return Convert.ToHexStringLower(digest);
    }

    public override string ToString() => Name;
}
