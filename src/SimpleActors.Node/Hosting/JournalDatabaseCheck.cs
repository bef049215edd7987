using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SimpleActors.Engine.Persistence;

namespace SimpleActors.Node.Hosting;

/// <summary>
/// Runs before the actor system starts: creates the data directory, prepares the database and
/// checks that it answers, so a bad connection string stops the start with one clear error.
/// </summary>
internal sealed partial class JournalDatabaseCheck(JournalStore store, ILogger<JournalDatabaseCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await JournalDatabase.PrepareAsync(store, cancellationToken).ConfigureAwait(false);
        LogJournal(store.Provider, store.SqliteFile ?? "the configured server");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal and snapshot store: {Provider} at {Location}")]
    private partial void LogJournal(PersistenceProvider provider, string location);
}
