using Akka.Actor;
using SimpleActors.Engine.Entities;
using SimpleActors.Engine.Registration;
using SimpleActors.Engine.Tests.Entities;
using static SimpleActors.Engine.Tests.Entities.Samples;

namespace SimpleActors.Engine.Tests.Registration;

/// <summary>
/// One actor holds a shard's AORs, each with its own event stream; the shard's own stream lists the AORs that hold
/// bindings, so that after a restart their bindings still expire on time.
/// </summary>
public class RegistrationShardTests : EntityTestKit
{
    private const string ShardId = "7";
    private static readonly RegistrarOptions Options = new() { DefaultExpires = 3600, MinExpires = 1, MaxExpires = 86400 };

    private static Props Shard(int snapshotEvery = 100, TimeProvider? clock = null) =>
        RegistrationShard.Props(ShardId, Options, clock, snapshotEvery);

    private static Register RegisterNow(string uri, int expires, uint cseq = 1, string aor = Aor) =>
        Register("call-1", cseq, Contact(uri, expires: expires)) with { Aor = aor, At = DateTimeOffset.UtcNow };

    private Task<IReadOnlyList<string>> ManifestsAsync(string aor = Aor) => StreamAsync(RegistrationShard.PersistenceIdPrefix + aor);

    private Task<IReadOnlyList<string>> MembersAsync() => StreamAsync(RegistrationShard.ShardPersistenceIdPrefix + ShardId);

    private async Task<IReadOnlyList<string>> StreamAsync(string persistenceId) =>
        [.. (await JournalRows.ReadAsync(JournalFile, persistenceId)).Select(r => r.Manifest)];

    private async Task AwaitManifestsAsync(IReadOnlyList<string> expected, TimeSpan within, string aor = Aor)
    {
        var deadline = DateTime.UtcNow + within;
        while (!(await ManifestsAsync(aor)).SequenceEqual(expected) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(expected, await ManifestsAsync(aor));
    }

    [Fact]
    public async Task The_200_comes_after_the_binding_and_the_membership_are_in_the_journal()
    {
        var shard = StartEntity(Sys, Shard(), CreateTestProbe());

        var reply = await AskAsync<RegisterResult>(shard, RegisterNow("sip:alice@192.0.2.10", 600));

        Assert.Equal(200, reply.StatusCode);
        Assert.Equal(600, Assert.Single(reply.Bindings).ExpiresIn(reply.At));
        Assert.Equal(["RB1"], await ManifestsAsync());
        Assert.Equal(["RJ1"], await MembersAsync());
    }

    [Fact]
    public async Task Bindings_survive_a_restart_of_the_actor_system()
    {
        var first = StartOtherSystem();
        var before = await AskAsync<RegisterResult>(
            StartEntity(first, Shard(), CreateTestProbe(first)),
            Register("call-1", 1, Contact("sip:alice@192.0.2.10", q: 0.5m), Contact("sip:alice@198.51.100.1")) with { At = DateTimeOffset.UtcNow, Path = ["<sip:p1.example.com;lr>"] });
        await first.Terminate();

        var after = await AskAsync<CurrentBindings>(StartEntity(Sys, Shard(), CreateTestProbe()), new GetBindings(Aor));

        Assert.Equal(before.Bindings.Select(b => (b.Uri, b.ExpiresAt, b.Q, b.Flow, b.CallId, b.Path.Single())), after.Bindings.Select(b => (b.Uri, b.ExpiresAt, b.Q, b.Flow, b.CallId, b.Path.Single())));
    }

    [Fact]
    public async Task A_short_binding_expires_on_time_and_the_aor_leaves_the_shard()
    {
        var shard = StartEntity(Sys, Shard(), CreateTestProbe());
        var registered = await AskAsync<RegisterResult>(shard, RegisterNow("sip:alice@192.0.2.10", 2));
        Assert.Single((await AskAsync<CurrentBindings>(shard, new GetBindings(Aor))).Bindings);

        await AwaitManifestsAsync(["RB1", "RR1"], TimeSpan.FromSeconds(5));

        Assert.True(DateTimeOffset.UtcNow >= registered.Bindings[0].ExpiresAt);
        Assert.Equal(["RJ1", "RJ1"], await MembersAsync());
        Assert.Empty((await AskAsync<CurrentBindings>(shard, new GetBindings(Aor))).Bindings);
    }

    [Fact]
    public async Task A_refresh_moves_the_expiry_later_and_the_binding_goes_at_the_new_time()
    {
        var shard = StartEntity(Sys, Shard(), CreateTestProbe());
        // The first binding lives 4 s, so that the refresh comes well before it ends even on a loaded machine (CI flake
        // with 2 s: a stalled second let it expire first). The refresh moves the expiry well past the first (10 s from
        // now): the look past the first expiry time below comes long before the new one (CI flake with 3 s).
        var first = await AskAsync<RegisterResult>(shard, RegisterNow("sip:alice@192.0.2.10", 4, cseq: 1));
        await Task.Delay(300);
        var refreshed = await AskAsync<RegisterResult>(shard, RegisterNow("sip:alice@192.0.2.10", 10, cseq: 2));

        // Past the first expiry time the binding is still there: its queued entry found the later time.
        await Task.Delay(first.Bindings[0].ExpiresAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(500));
        Assert.Equal(["RB1", "RF1"], await ManifestsAsync());
        Assert.Single((await AskAsync<CurrentBindings>(shard, new GetBindings(Aor))).Bindings);

        await AwaitManifestsAsync(["RB1", "RF1", "RR1"], TimeSpan.FromSeconds(15));
        Assert.True(DateTimeOffset.UtcNow >= refreshed.Bindings[0].ExpiresAt);
    }

    [Fact]
    public async Task A_binding_that_expired_while_the_system_was_down_is_expired_when_the_shard_starts_without_a_command()
    {
        // The first system's clock stands a minute back, so the binding is still live there when it stops.
        var first = StartOtherSystem();
        var registered = await AskAsync<RegisterResult>(
            StartEntity(first, Shard(clock: new FrozenClock(DateTimeOffset.UtcNow.AddMinutes(-1))), CreateTestProbe(first)),
            RegisterNow("sip:alice@192.0.2.10", 1));
        Assert.Single(registered.Bindings);
        await first.Terminate();

        StartEntity(Sys, Shard(), CreateTestProbe()); // as remember-entities starts it: no command

        await AwaitManifestsAsync(["RB1", "RR1"], TimeSpan.FromSeconds(5));
        Assert.Equal(["RJ1", "RJ1"], await MembersAsync());
    }

    [Fact]
    public async Task After_a_restart_the_timer_is_rearmed_for_the_time_that_remains()
    {
        var first = StartOtherSystem();
        await AskAsync<RegisterResult>(StartEntity(first, Shard(), CreateTestProbe(first)), RegisterNow("sip:alice@192.0.2.10", 2));
        await first.Terminate();

        var shard = StartEntity(Sys, Shard(), CreateTestProbe());
        Assert.Single((await AskAsync<CurrentBindings>(shard, new GetBindings(Aor))).Bindings);

        await AwaitManifestsAsync(["RB1", "RR1"], TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task Recovery_from_a_snapshot_gives_the_same_bindings()
    {
        var first = StartOtherSystem();
        var shard = StartEntity(first, Shard(snapshotEvery: 2), CreateTestProbe(first));
        await AskAsync<RegisterResult>(shard, RegisterNow("sip:a@192.0.2.10", 600, cseq: 1));
        await AskAsync<RegisterResult>(shard, RegisterNow("sip:b@192.0.2.10", 600, cseq: 2));
        var last = await AskAsync<RegisterResult>(shard, RegisterNow("sip:c@192.0.2.10", 600, cseq: 3));
        await first.Terminate();
        Assert.Equal(1, await JournalRows.SnapshotCountAsync(JournalFile, RegistrationShard.PersistenceIdPrefix + Aor));

        var recovered = await AskAsync<CurrentBindings>(StartEntity(Sys, Shard(snapshotEvery: 2), CreateTestProbe()), new GetBindings(Aor));

        Assert.Equal(last.Bindings.Select(b => (b.Uri, b.ExpiresAt)), recovered.Bindings.Select(b => (b.Uri, b.ExpiresAt)));
    }

    [Fact]
    public async Task A_rejected_register_for_an_unknown_aor_stores_nothing()
    {
        var shard = StartEntity(Sys, RegistrationShard.Props(ShardId, new RegistrarOptions()), CreateTestProbe());

        var reply = await AskAsync<RegisterResult>(shard, RegisterNow("sip:alice@192.0.2.10", 5));

        Assert.Equal(423, reply.StatusCode);
        Assert.Empty(await ManifestsAsync());
        Assert.Empty(await MembersAsync());
    }

    [Fact]
    public async Task Many_new_aors_at_once_each_get_their_own_stream()
    {
        var shard = StartEntity(Sys, Shard(), CreateTestProbe());
        var aors = Enumerable.Range(0, 50).Select(i => $"sip:user{i}@example.com").ToList();

        var replies = await Task.WhenAll(aors.Select(aor => AskAsync<RegisterResult>(shard, RegisterNow($"sip:u@192.0.2.{aors.IndexOf(aor)}", 600, aor: aor))));

        Assert.All(replies, r => Assert.Equal(200, r.StatusCode));
        foreach (var aor in aors)
        {
            Assert.Equal(["RB1"], await ManifestsAsync(aor));
        }

        // The changes that came while one was written go together: fewer rows than AORs, every AOR listed once.
        var listed = await JournalRows.ReadAsync(JournalFile, RegistrationShard.ShardPersistenceIdPrefix + ShardId);
        var joined = listed.Select(r => (ShardMembersChanged)Sys.Serialization.Deserialize(r.Payload, r.SerializerId, r.Manifest))
            .SelectMany(c => c.Joined).ToList();
        Assert.InRange(listed.Count, 1, 50);
        Assert.Equal(aors.Order(), joined.Order());
    }

    [Fact]
    public async Task Commands_for_one_aor_are_handled_in_order_each_after_the_last_write()
    {
        var shard = StartEntity(Sys, Shard(), CreateTestProbe());

        // Sent together: the first starts the AOR's recovery, the rest wait for it and then for each write.
        var asks = Enumerable.Range(1, 5)
            .Select(i => AskAsync<RegisterResult>(shard, RegisterNow($"sip:alice@192.0.2.{i}", 600, cseq: (uint)i)))
            .ToList();
        var replies = await Task.WhenAll(asks);

        Assert.All(replies, r => Assert.Equal(200, r.StatusCode));
        Assert.Equal([1, 2, 3, 4, 5], replies.Select(r => r.Bindings.Count));
        var rows = await JournalRows.ReadAsync(JournalFile, RegistrationShard.PersistenceIdPrefix + Aor);
        Assert.Equal([1L, 2, 3, 4, 5], rows.Select(r => r.SequenceNr));
    }

    [Fact]
    public async Task An_aor_with_bindings_that_its_shard_does_not_list_joins_it_when_read()
    {
        // As a journal written before the shards (or under another shard) leaves it: the AOR's stream has a binding,
        // this shard's member list does not name it.
        var first = StartOtherSystem();
        await AskAsync<RegisterResult>(
            StartEntity(first, RegistrationShard.Props("3", Options), CreateTestProbe(first)), RegisterNow("sip:alice@192.0.2.10", 600));
        await first.Terminate();

        var shard = StartEntity(Sys, Shard(), CreateTestProbe());
        Assert.Single((await AskAsync<CurrentBindings>(shard, new GetBindings(Aor))).Bindings);

        AwaitAssert(() => Assert.Equal(["RJ1"], MembersAsync().GetAwaiter().GetResult()), Timeout);
    }

    [Fact]
    public void A_remembered_entity_named_by_an_aor_passivates_at_once()
    {
        var watcher = CreateTestProbe();

        StartEntity(Sys, RegistrationShard.Props(Aor, Options), watcher);

        ExpectPassivation(watcher, Timeout);
    }

    [Fact]
    public async Task The_hand_off_stop_message_stops_the_shard()
    {
        var watcher = CreateTestProbe();
        var shard = StartEntity(Sys, Shard(), watcher);
        await AskAsync<RegisterResult>(shard, RegisterNow("sip:alice@192.0.2.10", 600));

        shard.Tell(SimpleActors.Engine.Sharding.StopEntity.Instance);

        watcher.ExpectMsg<EntityParent.EntityStopped>(Timeout);
    }
}
