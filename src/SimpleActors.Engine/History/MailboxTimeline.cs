using SimpleActors.Engine.Mailbox;
using SimpleActors.Engine.Persistence.Query;

namespace SimpleActors.Engine.History;

/// <summary>
/// An address of record's mailbox rebuilt from its journal (<see cref="EntityTimeline"/>): each pager message stored
/// for it while it was offline, delivered or expired, with the messages still waiting after it.
/// </summary>
public static class MailboxTimeline
{
    public static string PersistenceId(string aor) => MailboxActor.PersistenceIdPrefix + aor;

    /// <summary>Every event of <paramref name="aor"/>'s mailbox journal (in order) with the waiting messages after it.</summary>
    public static IAsyncEnumerable<EntityMoment<MailboxState, IMailboxEvent>> ReplayAsync(
        string aor, IAsyncEnumerable<JournalEvent> events, CancellationToken cancellationToken = default) =>
        EntityTimeline.ReplayAsync<MailboxState, IMailboxEvent>(MailboxState.Empty(aor), events, cancellationToken);
}
