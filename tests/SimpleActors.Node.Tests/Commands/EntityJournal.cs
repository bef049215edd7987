using Akka.Actor;
using Akka.Configuration;
using SimpleActors.Engine.Persistence;
using SimpleActors.Engine.Persistence.Sql;
using SimpleActors.Engine.Serialization;

namespace SimpleActors.Node.Tests.Commands;

/// <summary>
/// A real SQLite journal in a temporary folder (as a stopped node leaves it, <c>data/simpleactors.db</c>), written by
/// the real entities (their own decisions, events and serializer), for <c>simpleactors history</c> to read back.
/// </summary>
internal sealed class EntityJournal : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly TemporaryDirectory folder;
    private readonly ActorSystem system;

    private EntityJournal(TemporaryDirectory folder, JournalStore store, ActorSystem system)
    {
        this.folder = folder;
        Store = store;
        this.system = system;
    }

    public JournalStore Store { get; }

    /// <summary>The folder's data directory: <c>--config</c> files name it as <c>DataDirectory</c>.</summary>
    public string DataDirectory => Path.Combine(folder.Path, "data");

    /// <summary>The folder, for configuration files.</summary>
    public TemporaryDirectory Folder => folder;

    public static async Task<EntityJournal> CreateAsync()
    {
        var folder = new TemporaryDirectory();
        var store = JournalStore.From(new PersistenceOptions(), Path.Combine(folder.Path, "data"));
        await JournalDatabase.PrepareAsync(store, CancellationToken.None);
        var system = ActorSystem.Create("history-" + Guid.NewGuid().ToString("N")[..8], ConfigurationFactory.ParseString(
            SerializationHosting.Hocon + "\n" + JournalSettings.Hocon(store) + "\nakka.loglevel = WARNING"));
        return new EntityJournal(folder, store, system);
    }

    /// <summary>Starts an entity (under the guardian: a passivation request goes nowhere, so it stays up).</summary>
    public IActorRef Start(Props entity) => system.ActorOf(entity);

    /// <summary>Sends a command and waits for the entity's reply, which follows the journal write.</summary>
    public static Task<T> AskAsync<T>(IActorRef entity, object command) => entity.Ask<T>(command, Timeout);

    public async ValueTask DisposeAsync()
    {
        await system.Terminate();
        folder.Dispose();
    }
}
