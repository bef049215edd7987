using System.Security.Cryptography;
using SimpleActors.Sip.Message;

namespace SimpleActors.Sip.Transactions;

/// <summary>Via branch parameters for the requests this server sends (RFC 3261 section 8.1.1.7).</summary>
public static class BranchId
{
    /// <summary>
    /// A new branch: the magic cookie <c>z9hG4bK</c> and 96 random bits in lower-case hex, unique over
    /// space and time as section 8.1.1.7 asks.
    /// </summary>
    public static string New()
    {
        Span<byte> random = stackalloc byte[12];
        RandomNumberGenerator.Fill(random);
        return ViaHeader.MagicCookie + Convert.ToHexStringLower(random);
    }
}
