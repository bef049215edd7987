using System.Text;
using SimpleActors.Engine.History;
using SimpleActors.Engine.Persistence.Query;
using SimpleActors.Engine.Presence;

namespace SimpleActors.Node.Commands;

/// <summary>
/// <c>simpleactors history &lt;aor&gt;</c>: a presentity's events with the state each left (<see cref="HistoryTable"/>'s
/// columns); <c>--at T</c> the document watchers were sent for the state at T, byte for byte; <c>--follow</c> the
/// events written after the history, as they come.
/// </summary>
internal static class PresentityHistory
{
    private static readonly TimeSpan FollowInterval = TimeSpan.FromSeconds(1);

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

        var last = await new HistoryPrinter<PresentityState, IPresentityEvent>(Rows(), request.Json, output).WriteAsync(
            PresentityTimeline.ReplayAsync(aor, queries.EventsOf(PresentityTimeline.PersistenceId(aor), JournalRange.All, cancellationToken), cancellationToken),
            new JournalRange(0, request.From, request.To),
            error,
            cancellationToken).ConfigureAwait(false);
        if (request.Follow)
        {
            // On from the state the history ended with: events written meanwhile come once, as the next rows.
            await FollowAsync(
                queries, last?.State ?? PresentityState.Empty(aor), last?.Entry.SequenceNr + 1 ?? 1, request.Json, output, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task FollowAsync(
        JournalQueries queries, PresentityState state, long next, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var aor = state.Aor;
        var printer = new HistoryPrinter<PresentityState, IPresentityEvent>(Rows(), json, output);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await foreach (var entry in queries.EventsOf(PresentityTimeline.PersistenceId(aor), new JournalRange(next), cancellationToken).ConfigureAwait(false))
                {
                    if (entry.Event is not IPresentityEvent change)
                    {
                        continue;
                    }

                    state = state.Apply(change);
                    next = entry.SequenceNr + 1;
                    printer.Add(new EntityMoment<PresentityState, IPresentityEvent>(entry, change, state));
                    printer.Flush();
                }

                await Task.Delay(FollowInterval, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the end of following.
        }
    }

    private static object Json(EntityMoment<PresentityState, IPresentityEvent> moment, HistorySummary summary) => new
    {
        detail = summary.Detail,
        basic = summary.Basic,
        notes = summary.Notes,
        activities = summary.Activities,
        devices = summary.Devices.Select(d => new { tuple = d.Tuple, basic = d.Basic, deviceId = d.DeviceId, device = d.Device }),
        publications = moment.State.Publications.Select(p => new { etag = p.ETag, expiresAt = p.ExpiresAt, identity = p.Identity }),
        watchers = moment.State.Watchers.Select(w => new { subscription = w.SubscriptionId, watcher = w.Watcher, package = w.Package, status = w.Status.ToString() }),
        version = moment.State.Version,
    };
}
