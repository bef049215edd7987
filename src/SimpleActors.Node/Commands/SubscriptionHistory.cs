using System.Globalization;
using System.Text.Json;
using SimpleActors.Engine.History;
using SimpleActors.Engine.Persistence.Query;
using SimpleActors.Engine.Subscription;
using Spectre.Console;

namespace SimpleActors.Node.Commands;

/// <summary>
/// <c>simpleactors history subscription &lt;id&gt;</c> (the id is the To-tag our 200 to the SUBSCRIBE gave): the subscription's
/// life with the state after each event, and for each journaled NOTIFY of presence its CSeq, the presentity's state
/// version and the digest of the document it carried (<see cref="SubscriptionTimeline.Digest"/>).
/// </summary>
internal static class SubscriptionHistory
{
    public static async Task WriteAsync(JournalQueries queries, string id, JournalRange window, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var moments = new List<EntityMoment<SubscriptionState, ISubscriptionEvent>>();
        await foreach (var moment in SubscriptionTimeline.ReplayAsync(
                           id, queries.EventsOf(SubscriptionTimeline.PersistenceId(id), JournalRange.All, cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            moments.Add(moment); // a subscription's journal is short: a NOTIFY is journaled once per block of reserved CSeqs
        }

        var presentity = moments.Count > 0 ? moments[^1].State.Presentity : string.Empty;
        var versions = moments.Where(m => m.State.Package == EventPackages.Presence && !m.State.Polite)
            .Select(m => m.Change).OfType<NotifyIssued>().Select(n => n.Version).ToHashSet();
        var digests = versions.Count == 0
            ? new Dictionary<long, string>()
            : await SubscriptionTimeline.PresenceDigestsAsync(
                presentity, queries.EventsOf(PresentityTimeline.PersistenceId(presentity), JournalRange.All, cancellationToken), versions, cancellationToken).ConfigureAwait(false);

        var table = json ? null : Table();
        foreach (var moment in moments.Where(m => window.CoversWrittenAt(m.Entry.WrittenAt)))
        {
            var detail = Detail(moment, digests);
            if (table is null)
            {
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    time = moment.Change.At.ToString("O", CultureInfo.InvariantCulture),
                    sequenceNr = moment.Entry.SequenceNr,
                    @event = moment.Change.GetType().Name,
                    detail,
                    cseq = (moment.Change as NotifyIssued)?.CSeq,
                    version = (moment.Change as NotifyIssued)?.Version,
                    digest = moment.Change is NotifyIssued n && digests.TryGetValue(n.Version, out var d) ? d : null,
                    status = moment.State.Status.ToString().ToLowerInvariant(),
                    expiresAt = moment.State.ExpiresAt,
                    reason = moment.State.Reason,
                }, HistoryCommand.JsonLines));
            }
            else
            {
                table.AddRow(
                    Markup.Escape(moment.Change.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)),
                    moment.Entry.SequenceNr.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(moment.Change.GetType().Name),
                    Markup.Escape(detail),
                    Markup.Escape(moment.State.Status.ToString().ToLowerInvariant()),
                    Markup.Escape(moment.State.ExpiresAt.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)));
            }
        }

        if (table is not null)
        {
            CommandConsole.Create(output).Write(table);
        }
    }

    private static Table Table()
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in new[] { "time (UTC)", "#", "event", "detail", "status", "expires" })
        {
            table.AddColumn(column);
        }

        return table;
    }

    private static string Detail(EntityMoment<SubscriptionState, ISubscriptionEvent> moment, IReadOnlyDictionary<long, string> digests) => moment.Change switch
    {
        SubscriptionCreated c => $"{c.Watcher} -> {c.Presentity} ({c.Package}), {c.Identity ?? "unauthenticated"}, {c.CallId} CSeq {c.CSeq}",
        SubscriptionRefreshed r => $"CSeq {r.CSeq}, until {r.ExpiresAt.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}",
        NotifyIssued n => $"NOTIFY CSeq {n.CSeq}, version {n.Version}, {n.Status.ToString().ToLowerInvariant()}"
                          + (digests.TryGetValue(n.Version, out var digest) ? $", body {digest}" : string.Empty)
                          + (n.ReservedUpTo > n.CSeq ? $" (CSeqs to {n.ReservedUpTo} reserved)" : string.Empty),
        NotifyCSeqsReleased r => $"asleep after NOTIFY CSeq {r.LastCSeq}, version {r.Version}",
        SubscriptionAuthorized a => $"{a.Status.ToString().ToLowerInvariant()}{(a.Polite ? " (polite-block)" : string.Empty)}",
        SubscriptionTerminated t => $"reason {t.Reason}{(t.Notify ? ", final NOTIFY" : string.Empty)}",
        _ => string.Empty,
    };
}
