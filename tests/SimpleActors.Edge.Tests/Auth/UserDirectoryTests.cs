using SimpleActors.Edge.Auth;
using SimpleActors.Sip.Auth;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Tests.Auth;

public class UserDirectoryTests
{
    // How long a test waits for a change to be noticed: the poll runs every second, the margin is for loaded CI machines.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public void Users_are_found_by_canonical_aor()
    {
        using var folder = new TemporaryFolder();
        var path = Write(folder, StoredUser.Create("sip:alice@example.com", "a"));

        using var directory = new UserDirectory(path);

        Assert.True(directory.TryGetUser("sip:alice@EXAMPLE.com;transport=tcp", out var alice));
        Assert.Equal("sip:alice@example.com", alice.Aor);
        Assert.True(directory.Contains("sip:alice@example.com"));
        Assert.False(directory.Contains("sip:bob@example.com"));
        Assert.False(directory.Contains("not an aor"));
        Assert.Equal(1, directory.Count);
    }

    [Fact]
    public void Ha1_is_given_for_the_stored_realm_and_the_base_algorithm()
    {
        using var folder = new TemporaryFolder();
        var alice = StoredUser.Create("sip:alice@example.com", "a");
        using var directory = new UserDirectory(Write(folder, alice));

        Assert.True(directory.TryGetHa1("sip:alice@example.com", "example.com", DigestAlgorithm.Sha256Session, out var ha1));
        Assert.Equal(alice.Ha1["SHA-256"], ha1);
        Assert.False(directory.TryGetHa1("sip:alice@example.com", "example.org", DigestAlgorithm.Md5, out _));
    }

    [Fact]
    public void A_change_by_another_writer_is_seen_without_a_restart()
    {
        using var folder = new TemporaryFolder();
        var path = Write(folder, StoredUser.Create("sip:alice@example.com", "a"));
        using var directory = new UserDirectory(path);

        // Another writer, in place and not atomically, as an editor would.
        var json = UsersFile.Read(path).WithUser(StoredUser.Create("sip:bob@example.com", "b")).ToJson();
        File.WriteAllText(path, json);

        Assert.True(Eventually(() => directory.Contains("sip:bob@example.com")));
        Assert.True(directory.Version >= 1);
    }

    [Fact]
    public void An_atomic_rewrite_by_the_command_line_is_seen()
    {
        using var folder = new TemporaryFolder();
        var path = Write(folder, StoredUser.Create("sip:alice@example.com", "a"));
        using var directory = new UserDirectory(path);

        UsersFile.Read(path).WithoutUser("sip:alice@example.com").WithUser(StoredUser.Create("sip:carol@example.com", "c")).Write(path);

        Assert.True(Eventually(() => directory.Contains("sip:carol@example.com") && !directory.Contains("sip:alice@example.com")));
    }

    [Fact]
    public void The_poll_alone_notices_a_change()
    {
        using var folder = new TemporaryFolder();
        var path = Write(folder, StoredUser.Create("sip:alice@example.com", "a"));
        using var directory = new UserDirectory(path, pollInterval: Timeout.InfiniteTimeSpan);
        Assert.False(directory.Refresh()); // nothing changed

        UsersFile.Read(path).WithUser(StoredUser.Create("sip:bob@example.com", "b")).Write(path);
        directory.Refresh(); // what the timer calls; the watcher may have been first

        Assert.True(directory.Contains("sip:bob@example.com"));
    }

    [Fact]
    public void A_malformed_file_keeps_the_old_users_and_reports_the_error()
    {
        using var folder = new TemporaryFolder();
        var path = Write(folder, StoredUser.Create("sip:alice@example.com", "a"));
        using var directory = new UserDirectory(path);

        File.WriteAllText(path, "{ \"users\": [ { \"aor\": \"oops\" } ] }");

        Assert.True(Eventually(() => directory.LastError is not null));
        Assert.IsType<InvalidDataException>(directory.LastError);
        Assert.Contains(path, directory.LastError.Message, StringComparison.Ordinal);
        Assert.True(directory.Contains("sip:alice@example.com"));

        UsersFile.Empty.WithUser(StoredUser.Create("sip:bob@example.com", "b")).Write(path);

        Assert.True(Eventually(() => directory.Contains("sip:bob@example.com")));
        Assert.Null(directory.LastError);
        Assert.False(directory.Contains("sip:alice@example.com"));
    }

    [Fact]
    public void A_malformed_file_at_start_is_a_clear_error()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("users.json");
        File.WriteAllText(path, "{ \"users\": 3 }");

        var e = Assert.Throws<InvalidDataException>(() => new UserDirectory(path));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_means_no_users_until_it_appears()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("users.json");
        using var directory = new UserDirectory(path);
        Assert.Equal(0, directory.Count);

        UsersFile.Empty.WithUser(StoredUser.Create("sip:alice@example.com", "a")).Write(path);

        Assert.True(Eventually(() => directory.Contains("sip:alice@example.com")));
    }

    [Fact]
    public void The_demo_users_authenticate_with_their_documented_passwords()
    {
        using var directory = new UserDirectory(ShippedUsersFile.Path, pollInterval: Timeout.InfiniteTimeSpan);
        var now = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var authenticator = new DigestAuthenticator(NonceIssuer.WithRandomSecret(TimeSpan.FromMinutes(5)), new NonceCountTracker());
        foreach (var user in new[] { "alice", "bob", "carol" })
        {
            var nonce = authenticator.CreateChallenges("example.com", now)[0].Nonce!;
            var response = DigestCalculator.ClientResponse(DigestAlgorithm.Sha256, user, "example.com", user + "-secret", "REGISTER", "sip:example.com", nonce, "auth", "00000001", user);
            var headers = new HeaderCollection();
            headers.Add(KnownHeader.Authorization, new AuthCredentials("Digest", [
                AuthParameter.Quoted("username", user), AuthParameter.Quoted("realm", "example.com"), AuthParameter.Quoted("nonce", nonce),
                AuthParameter.Quoted("uri", "sip:example.com"), AuthParameter.Quoted("response", response), AuthParameter.Token("algorithm", "SHA-256"),
                AuthParameter.Quoted("cnonce", user), AuthParameter.Token("qop", "auth"), AuthParameter.Token("nc", "00000001")]).ToString());

            var outcome = authenticator.Authenticate(new SipRequest("REGISTER", "sip:example.com", headers), "example.com", directory, now);

            Assert.Equal($"sip:{user}@example.com", Assert.IsType<DigestAuthenticated>(outcome).IdentityAor);
        }
    }

    private static string Write(TemporaryFolder folder, params StoredUser[] users)
    {
        var path = folder.File("users.json");
        new UsersFile(users).Write(path);
        return path;
    }

    private static bool Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(20);
        }

        return condition();
    }
}
