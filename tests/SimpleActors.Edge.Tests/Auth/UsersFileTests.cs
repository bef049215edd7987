using SimpleActors.Edge.Auth;

namespace SimpleActors.Edge.Tests.Auth;

public class UsersFileTests
{
    [Fact]
    public void A_written_file_reads_back_the_same_users()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("users.json");
        var file = new UsersFile([StoredUser.Create("sip:bob@example.com", "b"), StoredUser.Create("sip:alice@example.com", "a")], "demo");

        file.Write(path);
        var read = UsersFile.Read(path);

        Assert.Equal("demo", read.Comment);
        Assert.Equal(["sip:alice@example.com", "sip:bob@example.com"], read.Users.Select(u => u.Aor));
        Assert.Equal(file.Users[0].Ha1, read.Users[0].Ha1);
        Assert.Equal("example.com", read.Users[1].Realm);
    }

    [Fact]
    public void The_password_is_never_written()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("users.json");

        new UsersFile([StoredUser.Create("sip:alice@example.com", "correct horse battery staple")]).Write(path);

        Assert.DoesNotContain("correct horse", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_has_no_users()
    {
        using var folder = new TemporaryFolder();

        Assert.Empty(UsersFile.Read(folder.File("nothing/here.json")).Users);
    }

    [Fact]
    public void Writing_leaves_no_temporary_file_and_creates_the_folder()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("config/users.json");

        UsersFile.Empty.WithUser(StoredUser.Create("sip:alice@example.com", "a")).Write(path);
        UsersFile.Read(path).WithUser(StoredUser.Create("sip:bob@example.com", "b")).Write(path);

        Assert.Equal(["users.json"], Directory.GetFiles(folder.File("config")).Select(Path.GetFileName));
        Assert.Equal(2, UsersFile.Read(path).Users.Count);
    }

    [Fact]
    public async Task A_reader_never_sees_a_half_written_file()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("users.json");
        var many = Enumerable.Range(0, 200).Select(i => StoredUser.Create($"sip:user{i}@example.com", "pw")).ToList();
        new UsersFile(many.Take(1)).Write(path);
        var failures = 0;
        var reads = 0;
        using var stop = new CancellationTokenSource();

        using var started = new ManualResetEventSlim();
        var reader = Task.Factory.StartNew(() =>
        {
            // Its own thread: a busy thread pool (the rest of the suite runs in parallel) must not starve it.
            started.Set();
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var users = UsersFile.Read(path).Users.Count;
                    Assert.True(users is 1 or 200);
                    reads++;
                }
                catch (InvalidDataException)
                {
                    failures++;
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        started.Wait(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 50 || (Volatile.Read(ref reads) < 20 && i < 5000); i++)
        {
            new UsersFile(i % 2 == 0 ? many : many.Take(1)).Write(path);
        }

        stop.Cancel();
        await reader;

        Assert.Equal(0, failures);
        Assert.True(reads > 0);
    }

    [Fact]
    public void A_new_file_is_readable_by_its_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var folder = new TemporaryFolder();
        var path = folder.File("users.json");

        UsersFile.Empty.Write(path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void A_rewrite_leaves_a_file_others_could_read_readable_by_its_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var folder = new TemporaryFolder();
        var path = folder.File("users.json");
        UsersFile.Empty.WithUser(StoredUser.Create("sip:alice@example.com", "a")).Write(path);
        File.SetUnixFileMode(path, UsersFile.OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Assert.True(UsersFile.IsExposed(path, out var before));
        Assert.Equal(UnixFileMode.OtherRead, before & UnixFileMode.OtherRead);

        UsersFile.Read(path).WithUser(StoredUser.Create("sip:bob@example.com", "b")).Write(path);

        Assert.Equal(UsersFile.OwnerOnly, File.GetUnixFileMode(path));
        Assert.False(UsersFile.IsExposed(path, out _));
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.GroupWrite)]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.OtherWrite)]
    public void A_file_its_group_or_others_may_read_or_write_is_exposed(UnixFileMode extra)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var folder = new TemporaryFolder();
        var path = folder.File("users.json");
        UsersFile.Empty.Write(path);
        File.SetUnixFileMode(path, UsersFile.OwnerOnly | extra);

        Assert.True(UsersFile.IsExposed(path, out var mode));
        Assert.Equal(UsersFile.OwnerOnly | extra, mode);
        Assert.False(UsersFile.IsExposed(folder.File("missing.json"), out _));
    }

    [Fact]
    public void The_shipped_file_holds_only_demo_users_and_a_file_with_another_user_does_not()
    {
        var shipped = UsersFile.Read(ShippedUsersFile.Path);

        Assert.True(Edge.Auth.DemoUsers.AreAll(shipped));
        Assert.False(Edge.Auth.DemoUsers.AreAll(shipped.WithUser(StoredUser.Create("sip:dave@example.com", "dave-secret"))));
        Assert.False(Edge.Auth.DemoUsers.AreAll(shipped.WithUser(StoredUser.Create("sip:alice@example.com", "a real password"))));
        Assert.False(Edge.Auth.DemoUsers.AreAll(UsersFile.Empty));
    }

    [Fact]
    public void Users_are_replaced_and_removed_by_canonical_aor()
    {
        var file = UsersFile.Empty.WithUser(StoredUser.Create("sip:alice@example.com", "old"));

        var replaced = file.WithUser(StoredUser.Create("sip:alice@EXAMPLE.com", "new"));
        var removed = replaced.WithoutUser("sip:alice@Example.Com;transport=udp");

        Assert.Single(replaced.Users);
        Assert.NotEqual(file.Users[0].Ha1["MD5"], replaced.Users[0].Ha1["MD5"]);
        Assert.Empty(removed.Users);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "{ not json", "not valid JSON" },
        { "[]", "top level" },
        { "{ \"users\": {} }", "\"users\" must be an array" },
        { "{ \"users\": [ 1 ] }", "users[0] must be an object" },
        { "{ \"users\": [ { \"realm\": \"example.com\", \"ha1\": { \"MD5\": \"" + new string('a', 32) + "\" } } ] }", "\"aor\" must be" },
        { "{ \"users\": [ { \"aor\": \"alice\", \"realm\": \"example.com\", \"ha1\": { \"MD5\": \"" + new string('a', 32) + "\" } } ] }", "not a SIP address of record" },
        { "{ \"users\": [ { \"aor\": \"sip:alice@EXAMPLE.com\", \"realm\": \"example.com\", \"ha1\": { \"MD5\": \"" + new string('a', 32) + "\" } } ] }", "canonical form" },
        { "{ \"users\": [ { \"aor\": \"sip:alice@example.com\", \"realm\": \"example.com\", \"ha1\": { \"MD5\": \"abc\" } } ] }", "32 lower-case hex digits" },
        { "{ \"users\": [ { \"aor\": \"sip:alice@example.com\", \"realm\": \"example.com\", \"ha1\": { \"SHA-1\": \"abc\" } } ] }", "unknown algorithm" },
        { "{ \"users\": [ { \"aor\": \"sip:alice@example.com\", \"realm\": \"example.com\", \"ha1\": { } } ] }", "no HA1" },
        { "{ \"users\": [ { \"aor\": \"sip:alice@example.com\", \"realm\": \"example.com\", \"password\": \"x\" } ] }", "\"ha1\" must be" },
        {
            "{ \"users\": [ { \"aor\": \"sip:a@example.com\", \"realm\": \"example.com\", \"ha1\": { \"MD5\": \"" + new string('a', 32) + "\" } },"
            + " { \"aor\": \"sip:a@example.com\", \"realm\": \"example.com\", \"ha1\": { \"MD5\": \"" + new string('b', 32) + "\" } } ] }",
            "more than once"
        },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_file_is_refused_with_a_message_naming_file_and_problem(string json, string problem)
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("users.json");
        File.WriteAllText(path, json);

        var e = Assert.Throws<InvalidDataException>(() => UsersFile.Read(path));

        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_demo_file_holds_alice_bob_and_carol()
    {
        var users = UsersFile.Read(ShippedUsersFile.Path);

        Assert.Equal(["sip:alice@example.com", "sip:bob@example.com", "sip:carol@example.com"], users.Users.Select(u => u.Aor));
        Assert.Contains("DEMO", users.Comment, StringComparison.Ordinal);
        Assert.All(users.Users, u => Assert.Equal(
            StoredUser.Create(u.Aor, u.Username + "-secret").Ha1,
            u.Ha1));
    }
}
