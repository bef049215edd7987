using Akka.Actor;
using Akka.TestKit;
using SimpleActors.Engine.Tests.Persistence;

namespace SimpleActors.Engine.Tests.Entities;

/// <summary>
/// A TestKit whose actor system journals to a fresh SQLite file; <see cref="StartOtherSystem"/> opens
/// a second system on the same file, to persist there and recover here as a restarted node would.
/// </summary>
public abstract class EntityTestKit : Akka.TestKit.Xunit2.TestKit
{
    private readonly TemporaryDirectory _temp;

    protected EntityTestKit()
        : this(new TemporaryDirectory())
    {
    }

    private EntityTestKit(TemporaryDirectory temp)
        : base(EngineTestConfig.For(System.IO.Path.Combine(temp.Path, "journal.db")))
    {
        _temp = temp;
    }

    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    protected string JournalFile => System.IO.Path.Combine(_temp.Path, "journal.db");

    protected ActorSystem StartOtherSystem() => ActorSystem.Create("restarted", EngineTestConfig.For(JournalFile));

    /// <summary>Starts an entity under a stand-in shard that reports passivation to <paramref name="watcher"/>.</summary>
    protected static IActorRef StartEntity(ActorSystem system, Props entity, IActorRef watcher) =>
        system.ActorOf(EntityParent.Props(entity, watcher));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _temp.Dispose();
        }
    }

    protected static async Task<T> AskAsync<T>(IActorRef entity, object message) => await entity.Ask<T>(message, Timeout);

    /// <summary>The ids of the entities an entity shard holds in memory.</summary>
    protected static async Task<IReadOnlyList<string>> InMemoryAsync(IActorRef shard) =>
        (await AskAsync<Engine.Entities.EntitiesInMemory>(shard, Engine.Entities.GetEntitiesInMemory.Instance)).Ids;

    /// <summary>Waits until the shard has let the entity <paramref name="id"/> go from memory (ended, asleep or emptied).</summary>
    protected async Task AwaitLetGoAsync(IActorRef shard, string id, TimeSpan within) =>
        await AwaitAssertAsync(async () => Assert.DoesNotContain(id, await InMemoryAsync(shard)), within, TimeSpan.FromMilliseconds(50));

    protected static void ExpectPassivation(TestProbe watcher, TimeSpan within) =>
        watcher.ExpectMsg<EntityParent.Passivated>(within);
}
