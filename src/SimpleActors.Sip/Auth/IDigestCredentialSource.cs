using System.Diagnostics.CodeAnalysis;

namespace SimpleActors.Sip.Auth;

/// <summary>Where the authenticator finds a user's stored HA1 (never a password).</summary>
public interface IDigestCredentialSource
{
    /// <summary>
    /// The HA1 = H(username:realm:password) stored for the user <paramref name="identityAor"/>
    /// (canonical, <c>sip:alice@example.com</c>) in <paramref name="realm"/>, for the base
    /// algorithm <paramref name="algorithm"/> (<see cref="DigestAlgorithm.Md5"/> or <see cref="DigestAlgorithm.Sha256"/>).
    /// </summary>
    bool TryGetHa1(string identityAor, string realm, DigestAlgorithm algorithm, [NotNullWhen(true)] out string? ha1);
}
