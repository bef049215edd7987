using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SimpleActors.Engine.Persistence;
using SimpleActors.Engine.Registration;
using SimpleActors.Engine.Serialization;
using SimpleActors.Engine.Serialization.Proto;
using SimpleActors.Engine.Tests.Entities;
using SimpleActors.Engine.Tests.Persistence;
using static SimpleActors.Engine.Tests.Entities.Samples;

namespace SimpleActors.Engine.Tests.Serialization;

public class JournalRowTests
{
    [Fact]
    public async Task A_persisted_event_row_carries_the_project_serializer_id_and_manifest_not_the_json_default()
    {
        using var temp = new TemporaryDirectory();
        var store = JournalStore.From(new PersistenceOptions(), temp.Path);
        await JournalDatabase.PrepareAsync(store, CancellationToken.None);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAkka("journal-rows", akka => akka.WithJournalStore(store).WithSimpleActorsSerializer());
        using var host = builder.Build();
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        var entity = system.ActorOf(EntityParent.Props(RegistrationShard.Props("0", new RegistrarOptions()), ActorRefs.Nobody));

        var reply = await entity.Ask<RegisterResult>(
            Register("call-1", 1, Contact("sip:alice@192.0.2.10")) with { At = DateTimeOffset.UtcNow }, TimeSpan.FromSeconds(10));
        await host.StopAsync();

        var row = Assert.Single(await JournalRows.ReadAsync(store.SqliteFile!, RegistrationShard.PersistenceIdPrefix + Aor));
        Assert.Equal(SimpleActorsSerializer.Id, row.SerializerId);
        Assert.Equal("RB1", row.Manifest);
        var written = BindingAddedData.Parser.ParseFrom(row.Payload);
        Assert.Equal("sip:alice@192.0.2.10", written.Binding.Uri);
        Assert.Equal(reply.Bindings[0].ExpiresAt.UtcTicks, written.Binding.ExpiresAtTicks);
    }
}
