using Akka.Actor;
using Akka.Configuration;
using SimpleActors.Engine.Persistence;
using SimpleActors.Engine.Persistence.Sql;

namespace SimpleActors.Engine.Tests.Persistence;

/// <summary>
/// The journal lookup (and the batched reads behind it and behind every recovery): many reads at once, of ids with events,
/// with deleted events and with none, each get their own answer.
/// </summary>
public class JournalLookupTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [SkippableTheory]
    [InlineData(PersistenceProvider.Sqlite)]
    [InlineData(PersistenceProvider.PostgreSql)]
    public async Task Reads_taken_together_each_answer_for_their_own_id(PersistenceProvider provider)
    {
        await using var db = await TestStore.CreateAsync(provider);
        using (var system = ActorSystem.Create("lookup-" + Guid.NewGuid().ToString("N")[..8], ConfigurationFactory.ParseString(JournalSettings.Hocon(db.Store))))
        {
            for (var i = 0; i < 20; i++)
            {
                var probe = system.ActorOf(Props.Create(() => new JournalProbeActor($"written-{i}")));
                for (var n = 1; n <= 1 + (i % 3); n++)
                {
                    await probe.Ask<long>(n, Timeout);
                }

                if (i == 8) // three events
                {
                    await probe.Ask<long>(new JournalProbeActor.DeleteTo(3), Timeout); // deleted events still count
                }
            }

            await system.Terminate();
        }

        await using var lookup = new JournalLookup(db.Store);
        var ids = Enumerable.Range(0, 300).Select(i => i % 2 == 0 ? $"written-{i % 20}" : $"never-{i}").ToList();

        var answers = await Task.WhenAll(ids.Select(id => lookup.HasEventsAsync(id)));

        Assert.Equal(ids.Select(id => id.StartsWith("written-", StringComparison.Ordinal)), answers);
    }
}
