using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Query;
using SimpleActors.Engine.Persistence.Sql;

namespace SimpleActors.Engine.Persistence.Query;

/// <summary>
/// Makes <see cref="SqlReadJournal"/> from its configuration (<c>akka.persistence.query.journal.simpleactors</c>): the
/// database of the journal plugin, <c>refresh-interval</c> for the live queries, <c>gap-timeout</c> for a live tag query
/// (<see cref="TagFollower"/>), <c>page-size</c>.
/// </summary>
public sealed class SqlReadJournalProvider(ExtendedActorSystem system, Config config) : IReadJournalProvider
{
    public IReadJournal GetReadJournal()
    {
        var store = JournalSettings.From(system.Settings.Config.GetConfig(JournalSettings.JournalPluginId)).Store;
        var queries = new JournalQueries(store, system.Serialization, config.GetInt("page-size", JournalQueries.DefaultPageSize));
        return new SqlReadJournal(
            queries, config.GetTimeSpan("refresh-interval", TimeSpan.FromSeconds(1)), config.GetTimeSpan("gap-timeout", TagFollower.DefaultGapTimeout));
    }
}
