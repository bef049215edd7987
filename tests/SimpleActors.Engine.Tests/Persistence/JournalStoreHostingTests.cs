using Akka.Actor;
using Akka.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SimpleActors.Engine.Persistence;

namespace SimpleActors.Engine.Tests.Persistence;

public class JournalStoreHostingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static IHost BuildHost(JournalStore store)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAkka("engine-tests", akka => akka.WithJournalStore(store));
        return builder.Build();
    }

    [Fact]
    public async Task Prepare_creates_the_data_directory_and_puts_sqlite_in_wal_mode()
    {
        using var temp = new TemporaryDirectory();
        var store = JournalStore.From(new PersistenceOptions(), Path.Combine(temp.Path, "nested", "data"));

        await JournalDatabase.PrepareAsync(store, CancellationToken.None);

        Assert.True(File.Exists(store.SqliteFile));
        await using var connection = new SqliteConnection(store.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", await command.ExecuteScalarAsync() as string);
    }

    [Fact]
    public async Task Events_persisted_to_the_sqlite_journal_are_recovered_by_a_new_actor_system()
    {
        using var temp = new TemporaryDirectory();
        var store = JournalStore.From(new PersistenceOptions(), temp.Path);
        await JournalDatabase.PrepareAsync(store, CancellationToken.None);

        using (var first = BuildHost(store))
        {
            await first.StartAsync();
            var system = first.Services.GetRequiredService<ActorSystem>();
            var counter = system.ActorOf(Props.Create(() => new CounterActor("counter-1")));
            Assert.Equal(1, await counter.Ask<int>(1, Timeout));
            Assert.Equal(2, await counter.Ask<int>(2, Timeout));
            await first.StopAsync();
        }

        using var second = BuildHost(store);
        await second.StartAsync();
        var recovered = second.Services.GetRequiredService<ActorSystem>()
            .ActorOf(Props.Create(() => new CounterActor("counter-1")));

        var numbers = await recovered.Ask<int[]>(new CounterActor.Query(), Timeout);

        Assert.Equal([1, 2], numbers);
        await second.StopAsync();
    }
}
