using System.Text;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SimpleActors.Engine.Mailbox;
using SimpleActors.Engine.Persistence;
using SimpleActors.Engine.Registration;
using SimpleActors.Engine.Serialization;
using SimpleActors.Engine.Sharding;
using SimpleActors.Engine.Tests.Entities;
using SimpleActors.Engine.Tests.Persistence;
using static SimpleActors.Engine.Tests.Entities.Samples;
using AkkaCluster = Akka.Cluster.Cluster;

namespace SimpleActors.Engine.Tests.Sharding;

public class EngineEntitiesHostingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_single_node_cluster_reaches_both_regions_by_aor_through_the_registry()
    {
        using var temp = new TemporaryDirectory();
        var store = JournalStore.From(new PersistenceOptions(), temp.Path);
        await JournalDatabase.PrepareAsync(store, CancellationToken.None);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAkka("sharding-tests", akka => akka
            .WithRemoting(new RemoteOptions { HostName = "127.0.0.1", Port = 0 })
            .WithClustering(new ClusterOptions { Roles = ["core"] })
            .WithJournalStore(store)
            .WithEngineEntities(new EngineEntitiesOptions { ShardCount = 16 })
            .AddStartup((system, _) => AkkaCluster.Get(system).Join(AkkaCluster.Get(system).SelfAddress)));
        using var host = builder.Build();
        await host.StartAsync();
        var registry = host.Services.GetRequiredService<ActorRegistry>();
        var registration = registry.Get<RegistrationRegion>();
        var mailbox = await registry.GetAsync<MailboxRegion>();

        var registered = await registration.Ask<RegisterResult>(
            Register("call-1", 1, Contact("sip:alice@192.0.2.10", expires: 600)) with { At = DateTimeOffset.UtcNow }, Timeout);
        var bindings = await registration.Ask<CurrentBindings>(new GetBindings(Aor), Timeout);
        var stored = await mailbox.Ask<MessageStored>(
            new StoreMessage(Aor, "m1", "sip:bob@example.com", Aor, "text/plain", Encoding.UTF8.GetBytes("hi"), "call-2", 1, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1)),
            Timeout);
        var pending = await mailbox.Ask<PendingMessages>(new GetPendingMessages(Aor), Timeout);
        await host.StopAsync();

        Assert.Equal(200, registered.StatusCode);
        Assert.Equal("sip:alice@192.0.2.10", Assert.Single(bindings.Bindings).Uri);
        Assert.Equal("m1", stored.MessageId);
        Assert.Equal("hi", Encoding.UTF8.GetString(Assert.Single(pending.Messages).Body));

        // The entities journal through the project serializer, registered by WithEngineEntities.
        var rows = await JournalRows.ReadAsync(store.SqliteFile!, RegistrationShard.PersistenceIdPrefix + Aor);
        Assert.Equal((SimpleActorsSerializer.Id, "RB1"), (Assert.Single(rows).SerializerId, rows[0].Manifest));
    }
}
