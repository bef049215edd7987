using Akka.Hosting;
using SimpleActors.Engine.Persistence.Sql;

namespace SimpleActors.Engine.Persistence;

/// <summary>Registers the project's journal and snapshot store (<see cref="SqlJournal"/>) for a <see cref="JournalStore"/>.</summary>
public static class JournalStoreHosting
{
    /// <summary>
    /// Makes the SQL journal and snapshot store the default plugins; they create their tables on start. Events are
    /// serialized by the serializers bound in <c>Serialization/</c>.
    /// </summary>
    public static AkkaConfigurationBuilder WithJournalStore(this AkkaConfigurationBuilder builder, JournalStore store)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(store);
        return builder.AddHocon(JournalSettings.Hocon(store), HoconAddMode.Prepend);
    }
}
