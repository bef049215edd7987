using System.Globalization;
using SimpleActors.Engine.History;
using SimpleActors.Engine.Subscription;

namespace SimpleActors.Node.Commands;

/// <summary>
/// <c>simpleactors history subscription &lt;id&gt;</c> (or <c>history subscription|&lt;id&gt;</c>; the id is the To-tag our 200
/// to the SUBSCRIBE gave): the subscription's life with the state after each event, and for each NOTIFY its CSeq, the
/// state version it carried and the digest of its body (<see cref="NotifyDigest"/>), as journaled when it left.
/// </summary>
internal static class SubscriptionHistory
{
    /// <summary>The columns and JSON fields of a row, after those every entity has.</summary>
    public static readonly HistoryRows<SubscriptionState, ISubscriptionEvent> Rows = new(["detail", "status", "expires"], change => change.At, Cells, Json);

    /// <summary>What the event did.</summary>
    public static string Detail(ISubscriptionEvent change) => change switch
    {
        SubscriptionCreated c => $"{c.Watcher} -> {c.Presentity} ({c.Package}), {HistoryTable.Who(c.Identity, c.CallId, c.CSeq)}",
        SubscriptionRefreshed r => string.Create(CultureInfo.InvariantCulture, $"CSeq {r.CSeq}, until {HistoryTable.Time(r.ExpiresAt)}, {r.Identity ?? "unauthenticated"}"),
        NotifyIssued n => string.Create(CultureInfo.InvariantCulture, $"NOTIFY CSeq {n.CSeq}, version {n.Version}, {Status(n.Status)}")
                          + (n.BodyDigest is { } digest ? $", body {digest}" : ", no body")
                          + (n.ReservedUpTo > n.CSeq ? string.Create(CultureInfo.InvariantCulture, $" (CSeqs to {n.ReservedUpTo} reserved)") : string.Empty),
        NotifyCSeqsReleased r => string.Create(CultureInfo.InvariantCulture, $"asleep after NOTIFY CSeq {r.LastCSeq}, version {r.Version}"),
        SubscriptionAuthorized a => $"{Status(a.Status)}{(a.Polite ? " (polite-block)" : string.Empty)}",
        SubscriptionTerminated t => $"reason {t.Reason}{(t.Notify ? ", final NOTIFY" : string.Empty)}",
        _ => string.Empty,
    };

    private static IEnumerable<string> Cells(EntityMoment<SubscriptionState, ISubscriptionEvent> moment) =>
        [Detail(moment.Change), Status(moment.State.Status), HistoryTable.Time(moment.State.ExpiresAt)];

    private static object Json(EntityMoment<SubscriptionState, ISubscriptionEvent> moment) => new
    {
        detail = Detail(moment.Change),
        cseq = (moment.Change as NotifyIssued)?.CSeq,
        version = (moment.Change as NotifyIssued)?.Version,
        digest = (moment.Change as NotifyIssued)?.BodyDigest,
        status = Status(moment.State.Status),
        expiresAt = moment.State.ExpiresAt,
        reason = moment.State.Reason,
    };

    private static string Status(SubscriptionStatus status) => status.ToString().ToLowerInvariant();
}
