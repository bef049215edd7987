using System.Globalization;
using SimpleActors.Engine.History;
using SimpleActors.Engine.Presence;
using SimpleActors.Presence;
using Spectre.Console;

namespace SimpleActors.Node.Commands;

/// <summary>The rows of <c>simpleactors history</c>: an event, what it did, and the composed state it left.</summary>
internal static class HistoryTable
{
    public static Table Create()
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in new[] { "time (UTC)", "#", "event", "detail", "basic", "note", "publications", "watchers" })
        {
            table.AddColumn(column);
        }

        return table;
    }

    public static void Add(Table table, EntityMoment<PresentityState, IPresentityEvent> moment, HistorySummary summary)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(moment);
        ArgumentNullException.ThrowIfNull(summary);
        table.AddRow(
            Markup.Escape(moment.Change.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)),
            moment.Entry.SequenceNr.ToString(CultureInfo.InvariantCulture),
            Markup.Escape(moment.Change.GetType().Name),
            Markup.Escape(summary.Detail),
            Markup.Escape(summary.Basic ?? "-"),
            Markup.Escape(summary.Notes.Count == 0 ? "-" : string.Join(" / ", summary.Notes)),
            moment.State.Publications.Count.ToString(CultureInfo.InvariantCulture),
            Markup.Escape(string.Join(", ", moment.State.Watchers.Select(w => $"{w.Watcher} ({w.Status.ToString().ToLowerInvariant()})"))));
    }

    /// <summary>What the event did.</summary>
    public static string Detail(IPresentityEvent change) => change switch
    {
        PublicationAdded added => $"etag {added.Publication.ETag}, until {Time(added.Publication.ExpiresAt)} ({Who(added.Publication.Identity, added.Publication.CallId, added.Publication.CSeq)})",
        PublicationRefreshed refreshed => $"etag {refreshed.OldETag} -> {refreshed.NewETag}, until {Time(refreshed.ExpiresAt)} ({Who(refreshed.Identity, refreshed.CallId, refreshed.CSeq)})",
        PublicationModified modified => $"etag {modified.OldETag} -> {modified.Publication.ETag} ({Who(modified.Publication.Identity, modified.Publication.CallId, modified.Publication.CSeq)})",
        PublicationRemoved removed => $"etag {removed.ETag} {removed.Reason.ToString().ToLowerInvariant()}",
        WatcherAdded added => $"{added.Watcher} subscribed {added.SubscriptionId}{Cause(added.Request)}",
        WatcherRemoved removed => $"{removed.SubscriptionId} left: {removed.Reason}{Cause(removed.Request)}",
        WatcherAuthorized authorized => $"{authorized.Watcher} {authorized.Decision.ToString().ToLowerInvariant()} by {authorized.By ?? "-"}",
        _ => string.Empty,
    };

    /// <summary>" (identity, Call-ID CSeq n)" of the request that caused a watcher's event; empty when none did.</summary>
    private static string Cause(Engine.Entities.RequestRef? request) =>
        request is null ? string.Empty : $" ({Who(request.Identity, request.CallId, request.CSeq)})";

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Who(string? identity, string callId, uint cseq) =>
        string.Create(CultureInfo.InvariantCulture, $"{identity ?? "unauthenticated"}, {callId} CSeq {cseq}");
}
