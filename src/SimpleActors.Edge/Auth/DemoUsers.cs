using SimpleActors.Sip.Auth;

namespace SimpleActors.Edge.Auth;

/// <summary>
/// The demo users the shipped <c>config/users.json</c> holds: alice, bob and carol of example.com, whose
/// passwords (<c>alice-secret</c>, ...) the README publishes. A file holding only them protects nothing, so
/// a node says that instead of asking for a file mode that would not help.
/// </summary>
public static class DemoUsers
{
    /// <summary>The demo AORs.</summary>
    public static readonly IReadOnlyList<string> Aors = ["sip:alice@example.com", "sip:bob@example.com", "sip:carol@example.com"];

    /// <summary>A demo user's published password: the user part and <c>-secret</c>.</summary>
    public static string Password(StoredUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Username + "-secret";
    }

    /// <summary>True when <paramref name="file"/> has users and every one is a demo user with its published password.</summary>
    public static bool AreAll(UsersFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.Users.Count > 0 && file.Users.All(IsDemo);
    }

    private static bool IsDemo(StoredUser user) =>
        Aors.Contains(user.Aor, StringComparer.Ordinal)
        && user.Ha1.All(stored => DigestAlgorithm.TryParse(stored.Key, out var algorithm)
                                  && stored.Value == DigestCalculator.Ha1(algorithm, user.Username, user.Realm, Password(user)));
}
