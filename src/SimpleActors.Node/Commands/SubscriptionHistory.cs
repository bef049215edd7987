using System.Globalization;
using System.Text.Json;
using SimpleActors.Engine.History;
using SimpleActors.Engine.Persistence.Query;
using SimpleActors.Engine.Subscription;
using Spectre.Console;

namespace SimpleActors.Node.Commands;

/// <summary>
/// <c>simpleactors history subscription &lt;id&gt;</c> (the id is the To-tag our 200 to the SUBSCRIBE gave): the subscription's
/// life with the state after each event, and for each NOTIFY its CSeq, the state version and the digest of the body it
/// carried (<see cref="NotifyDigest"/>), as journaled when it left. Streams: a long-lived subscription's journal is never
/// held whole.
/// </summary>
internal static class SubscriptionHistory
{
    public static async Task WriteAsync(JournalQueries queries, string id, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var table = json ? null : Table();
        await foreach (var moment in SubscriptionTimeline.ReplayAsync(
                           id, queries.EventsOf(SubscriptionTimeline.PersistenceId(id), JournalRange.All, cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            var detail = Detail(moment);
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
                    digest = (moment.Change as NotifyIssued)?.BodyDigest,
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

    private static string Detail(EntityMoment<SubscriptionState, ISubscriptionEvent> moment) => moment.Change switch
    {
        SubscriptionCreated c => $"{c.Watcher} -> {c.Presentity} ({c.Package}), {c.Identity ?? "unauthenticated"}, {c.CallId} CSeq {c.CSeq}",
        SubscriptionRefreshed r => $"CSeq {r.CSeq}, until {r.ExpiresAt.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}",
        NotifyIssued n => $"NOTIFY CSeq {n.CSeq}, version {n.Version}, {n.Status.ToString().ToLowerInvariant()}"
                          + (n.BodyDigest is { } digest ? $", body {digest}" : ", no body")
                          + (n.ReservedUpTo > n.CSeq ? $" (CSeqs to {n.ReservedUpTo} reserved)" : string.Empty),
        NotifyCSeqsReleased r => $"asleep after NOTIFY CSeq {r.LastCSeq}, version {r.Version}",
        SubscriptionAuthorized a => $"{a.Status.ToString().ToLowerInvariant()}{(a.Polite ? " (polite-block)" : string.Empty)}",
        SubscriptionTerminated t => $"reason {t.Reason}{(t.Notify ? ", final NOTIFY" : string.Empty)}",
        _ => string.Empty,
    };
}
