using System.Text;
using SimpleActors.Engine.History;
using SimpleActors.Engine.Persistence.Query;
using SimpleActors.Engine.Presence;

namespace SimpleActors.Node.Commands;

/// <summary>
/// <c>simpleactors history &lt;aor&gt;</c>: a presentity's events with the state each left (<see cref="HistoryTable"/>'s
/// columns, <see cref="EntityHistory"/>); <c>--at T</c> the document watchers were sent for the state at T, byte for byte.
/// </summary>
internal static class PresentityHistory
{
    /// <summary>The rows of one replay: the summaries cache the composed document of a state version.</summary>
    private static HistoryRows<PresentityState, IPresentityEvent> Rows()
    {
        var summaries = new HistorySummaries();
        return new HistoryRows<PresentityState, IPresentityEvent>(
            HistoryTable.Columns, change => change.At, moment => HistoryTable.Cells(moment, summaries.Of(moment)), moment => Json(moment, summaries.Of(moment)));
    }

    public static async Task WriteAsync(
        JournalQueries queries, string aor, HistoryRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        if (request.At is { } instant)
        {
            var state = await PresentityTimeline.StateAtAsync(
                aor, queries.EventsOf(PresentityTimeline.PersistenceId(aor), JournalRange.All, cancellationToken), instant, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(Encoding.UTF8.GetString(PresentityTimeline.DocumentOf(state))).ConfigureAwait(false);
            return;
        }

        await EntityHistory.ShowAsync(
            new HistoryPrinter<PresentityState, IPresentityEvent>(Rows(), request.Json, output), queries, PresentityTimeline.PersistenceId(aor),
            PresentityState.Empty(aor), new JournalRange(0, request.From, request.To), request.Follow, error, cancellationToken).ConfigureAwait(false);
    }

    private static object Json(EntityMoment<PresentityState, IPresentityEvent> moment, HistorySummary summary) => new
    {
        detail = summary.Detail,
        basic = summary.Basic,
        notes = summary.Notes,
        activities = summary.Activities,
        devices = summary.Devices.Select(d => new { tuple = d.Tuple, basic = d.Basic, deviceId = d.DeviceId, device = d.Device }),
        publications = moment.State.Publications.Select(p => new { etag = p.ETag, expiresAt = p.ExpiresAt, identity = p.Identity }),
        watchers = moment.State.WatchersInOrder.Select(w => new { subscription = w.SubscriptionId, watcher = w.Watcher, package = w.Package, status = w.Status.ToString() }),
        version = moment.State.Version,
    };
}
