using System.Globalization;
using SimpleActors.Engine.History;
using SimpleActors.Engine.Presence;
using SimpleActors.Presence;

namespace SimpleActors.Node.Commands;

/// <summary>
/// The columns of <c>simpleactors history</c> for a presentity after time, # and event (<see cref="HistoryPrinter{TState, TEvent}"/>):
/// what the event did, and the composed state it left.
/// </summary>
internal static class HistoryTable
{
    public static readonly IReadOnlyList<string> Columns = ["detail", "basic", "note", "activities", "devices", "publications", "watchers"];

    public static IEnumerable<string> Cells(EntityMoment<PresentityState, IPresentityEvent> moment, HistorySummary summary)
    {
        ArgumentNullException.ThrowIfNull(moment);
        ArgumentNullException.ThrowIfNull(summary);
        return
        [
            summary.Detail,
            summary.Basic ?? "-",
            summary.Notes.Count == 0 ? "-" : string.Join(" / ", summary.Notes),
            summary.Activities.Count == 0 ? "-" : string.Join(", ", summary.Activities),
            summary.Devices.Count == 0 ? "-" : string.Join(", ", summary.Devices),
            moment.State.Publications.Count.ToString(CultureInfo.InvariantCulture),
            string.Join(", ", moment.State.WatchersInOrder.Select(w => $"{w.Watcher} ({w.Status.ToString().ToLowerInvariant()})")),
        ];
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
        OwnerDocumentSet set => set.ETag is null ? $"{set.Selector} deleted" : $"{set.Selector} etag {set.ETag} ({set.Document?.Length ?? 0} bytes)",
        WatcherStatusesChanged changed => string.Join(", ", changed.Statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Value.ToString().ToLowerInvariant()}")) + " by the rules",
        _ => string.Empty,
    };

    /// <summary>" (identity, Call-ID CSeq n)" of the request that caused a watcher's event; empty when none did.</summary>
    private static string Cause(Engine.Entities.RequestRef? request) =>
        request is null ? string.Empty : $" ({Who(request.Identity, request.CallId, request.CSeq)})";

    /// <summary>A time of day in UTC, to the second: when an expiry falls.</summary>
    internal static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Who sent the request and which it was: identity (or unauthenticated), Call-ID and CSeq.</summary>
    internal static string Who(string? identity, string callId, uint cseq) =>
        string.Create(CultureInfo.InvariantCulture, $"{identity ?? "unauthenticated"}, {callId} CSeq {cseq}");
}
