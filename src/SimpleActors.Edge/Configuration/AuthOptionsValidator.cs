using System.Text;
using Microsoft.Extensions.Options;
using SimpleActors.Sip.Auth;

namespace SimpleActors.Edge.Configuration;

/// <summary>Rejects an <c>Auth</c> section the authenticator could not work with.</summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    /// <summary>The longest nonce lifetime accepted: a nonce is a replayable credential while it lives.</summary>
    public static readonly TimeSpan MaxNonceLifetime = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.Enabled && string.IsNullOrWhiteSpace(options.UsersFile))
        {
            failures.Add("Auth:UsersFile must name the credentials file when Auth:Enabled is true.");
        }

        if (options.NonceLifetime <= TimeSpan.Zero || options.NonceLifetime > MaxNonceLifetime)
        {
            failures.Add($"Auth:NonceLifetime {options.NonceLifetime} must be positive and at most {MaxNonceLifetime} (e.g. 00:05:00).");
        }

        if (!string.IsNullOrEmpty(options.Secret) && Encoding.UTF8.GetByteCount(options.Secret) < NonceIssuer.MinimumSecretLength)
        {
            failures.Add($"Auth:Secret must be at least {NonceIssuer.MinimumSecretLength} bytes long, or empty for a random per-process secret.");
        }

        foreach (var algorithm in options.Algorithms)
        {
            if (!DigestAlgorithm.TryParse(algorithm, out _))
            {
                failures.Add($"Auth:Algorithms has '{algorithm}'; known: MD5, SHA-256, MD5-sess, SHA-256-sess.");
            }
        }

        if (options.MaxTrackedNonces < 1)
        {
            failures.Add($"Auth:MaxTrackedNonces must be positive, not {options.MaxTrackedNonces}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
