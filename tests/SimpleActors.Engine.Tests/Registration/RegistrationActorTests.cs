using Akka.Actor;
using SimpleActors.Engine.Registration;
using SimpleActors.Engine.Tests.Entities;
using static SimpleActors.Engine.Tests.Entities.Samples;

namespace SimpleActors.Engine.Tests.Registration;

public class RegistrationActorTests : EntityTestKit
{
    private static readonly RegistrarOptions Options = new() { DefaultExpires = 3600, MinExpires = 1, MaxExpires = 86400 };

    private static Props Entity(int snapshotEvery = 100) => RegistrationActor.Props(Aor, Options, snapshotEvery: snapshotEvery);

    private static Register RegisterNow(string uri, int expires, uint cseq = 1) =>
        Register("call-1", cseq, Contact(uri, expires: expires)) with { At = DateTimeOffset.UtcNow };

    private async Task<IReadOnlyList<string>> ManifestsAsync() =>
        [.. (await JournalRows.ReadAsync(JournalFile, RegistrationActor.PersistenceIdPrefix + Aor)).Select(r => r.Manifest)];

    [Fact]
    public async Task The_200_comes_after_the_binding_is_in_the_journal()
    {
        var entity = StartEntity(Sys, Entity(), CreateTestProbe());

        var reply = await AskAsync<RegisterResult>(entity, RegisterNow("sip:alice@192.0.2.10", 600));

        Assert.Equal(200, reply.StatusCode);
        Assert.Equal(600, Assert.Single(reply.Bindings).ExpiresIn(reply.At));
        Assert.Equal(["RB1"], await ManifestsAsync());
    }

    [Fact]
    public async Task Bindings_survive_a_restart_of_the_actor_system()
    {
        var first = StartOtherSystem();
        var before = await AskAsync<RegisterResult>(
            StartEntity(first, Entity(), CreateTestProbe(first)),
            Register("call-1", 1, Contact("sip:alice@192.0.2.10", q: 0.5m), Contact("sip:alice@198.51.100.1")) with { At = DateTimeOffset.UtcNow, Path = ["<sip:p1.example.com;lr>"] });
        await first.Terminate();

        var after = await AskAsync<CurrentBindings>(StartEntity(Sys, Entity(), CreateTestProbe()), new GetBindings(Aor));

        Assert.Equal(before.Bindings.Select(b => (b.Uri, b.ExpiresAt, b.Q, b.Flow, b.CallId, b.Path.Single())), after.Bindings.Select(b => (b.Uri, b.ExpiresAt, b.Q, b.Flow, b.CallId, b.Path.Single())));
    }

    [Fact]
    public async Task A_short_binding_expires_on_time_and_the_entity_passivates()
    {
        var watcher = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(), watcher);
        var registered = await AskAsync<RegisterResult>(entity, RegisterNow("sip:alice@192.0.2.10", 2));
        var expiresAt = registered.Bindings[0].ExpiresAt;

        Assert.Single((await AskAsync<CurrentBindings>(entity, new GetBindings(Aor))).Bindings);
        ExpectPassivation(watcher, TimeSpan.FromSeconds(5));

        Assert.True(DateTimeOffset.UtcNow >= expiresAt);
        Assert.Equal(["RB1", "RR1"], await ManifestsAsync());
        var recovered = await AskAsync<CurrentBindings>(StartEntity(Sys, Entity(), CreateTestProbe()), new GetBindings(Aor));
        Assert.Empty(recovered.Bindings);
    }

    [Fact]
    public async Task A_binding_that_expired_while_the_system_was_down_is_expired_on_recovery()
    {
        // The first system's clock stands a minute back, so the binding is still live there when it stops.
        var first = StartOtherSystem();
        var stopped = new FrozenClock(DateTimeOffset.UtcNow.AddMinutes(-1));
        var registered = await AskAsync<RegisterResult>(
            StartEntity(first, RegistrationActor.Props(Aor, Options, stopped), CreateTestProbe(first)),
            RegisterNow("sip:alice@192.0.2.10", 1));
        Assert.Single(registered.Bindings);
        await first.Terminate();

        var watcher = CreateTestProbe();
        StartEntity(Sys, Entity(), watcher);

        ExpectPassivation(watcher, TimeSpan.FromSeconds(3));
        var rows = await JournalRows.ReadAsync(JournalFile, RegistrationActor.PersistenceIdPrefix + Aor);
        Assert.Equal(["RB1", "RR1"], rows.Select(r => r.Manifest));
        var recovered = await AskAsync<CurrentBindings>(StartEntity(Sys, Entity(), CreateTestProbe()), new GetBindings(Aor));
        Assert.Empty(recovered.Bindings);
    }

    [Fact]
    public async Task After_a_restart_the_timer_is_rearmed_for_the_time_that_remains()
    {
        var first = StartOtherSystem();
        await AskAsync<RegisterResult>(StartEntity(first, Entity(), CreateTestProbe(first)), RegisterNow("sip:alice@192.0.2.10", 2));
        await first.Terminate();

        var watcher = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(), watcher);
        Assert.Single((await AskAsync<CurrentBindings>(entity, new GetBindings(Aor))).Bindings);

        ExpectPassivation(watcher, TimeSpan.FromSeconds(4));
        Assert.Equal(["RB1", "RR1"], await ManifestsAsync());
    }

    [Fact]
    public async Task Recovery_from_a_snapshot_gives_the_same_bindings()
    {
        var first = StartOtherSystem();
        var entity = StartEntity(first, Entity(snapshotEvery: 2), CreateTestProbe(first));
        await AskAsync<RegisterResult>(entity, RegisterNow("sip:a@192.0.2.10", 600, cseq: 1));
        await AskAsync<RegisterResult>(entity, RegisterNow("sip:b@192.0.2.10", 600, cseq: 2));
        var last = await AskAsync<RegisterResult>(entity, RegisterNow("sip:c@192.0.2.10", 600, cseq: 3));
        await first.Terminate();

        var recovered = await AskAsync<CurrentBindings>(StartEntity(Sys, Entity(snapshotEvery: 2), CreateTestProbe()), new GetBindings(Aor));

        Assert.Equal(last.Bindings.Select(b => (b.Uri, b.ExpiresAt)), recovered.Bindings.Select(b => (b.Uri, b.ExpiresAt)));
    }

    [Fact]
    public async Task A_rejected_register_for_an_unknown_aor_stores_nothing_and_passivates()
    {
        var watcher = CreateTestProbe();
        var entity = StartEntity(Sys, RegistrationActor.Props(Aor, new RegistrarOptions()), watcher);

        var reply = await AskAsync<RegisterResult>(entity, RegisterNow("sip:alice@192.0.2.10", 5));

        Assert.Equal(423, reply.StatusCode);
        ExpectPassivation(watcher, TimeSpan.FromSeconds(3));
        Assert.Empty(await ManifestsAsync());
    }
}
