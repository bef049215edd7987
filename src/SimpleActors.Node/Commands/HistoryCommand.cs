using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using SimpleActors.Engine.History;
using SimpleActors.Engine.Persistence;
using SimpleActors.Engine.Persistence.Query;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Serialization;
using SimpleActors.Node.Configuration;
using Spectre.Console;

namespace SimpleActors.Node.Commands;

/// <summary>
/// <c>simpleactors history &lt;aor&gt; [--from T] [--to T] [--at T] [--follow] [--json]</c>: what the server believed about a
/// presentity and when, read from the journal of the configured database (a running cluster's PostgreSQL or a stopped
/// node's SQLite file; <c>--config</c> as for <c>run</c>). The timeline shows each event with the state it left, rebuilt
/// with the entity's own code (<see cref="PresentityTimeline"/>), at each event's own time; <c>--at T</c> prints the presence document a watcher
/// was sent for the state at T, byte for byte; <c>--json</c> writes one object per line. Exit codes: 0, 1 the database
/// could not be read, 2 bad input.
/// </summary>
internal static class HistoryCommand
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    private static readonly TimeSpan FollowInterval = TimeSpan.FromSeconds(1);

    /// <summary>Rows per printed table: a long history is printed a page at a time.</summary>
    private const int TablePage = 500;

    // Lines for people and scripts alike: "+" and "->" as they are, not \u escapes (nothing here goes into HTML).
    internal static readonly JsonSerializerOptions JsonLines = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config") { Description = "A JSON configuration file layered over config/simpleactors.json (the database to read)." };
        var from = new Option<DateTimeOffset?>("--from") { Description = "Only events written at or after this time (ISO 8601, e.g. 2026-11-26T14:02:00Z)." };
        var to = new Option<DateTimeOffset?>("--to") { Description = "Only events written at or before this time." };
        var at = new Option<DateTimeOffset?>("--at") { Description = "Print the presence document watchers were sent for the state at this time." };
        var follow = new Option<bool>("--follow") { Description = "After the history, print new events as they are written (Ctrl+C ends)." };
        var json = new Option<bool>("--json") { Description = "One JSON object per line instead of a table." };
        var entity = new Argument<string>("AOR") { Description = "The presentity, e.g. sip:alice@example.com (or presentity|sip:alice@example.com)." };
        var command = new Command("history", "The journaled history of a presentity: events, the state each left, the document at an instant.")
        {
            config, from, to, at, follow, json, entity,
        };
        var subscriptionId = new Argument<string>("ID") { Description = "The subscription id: the To-tag of our 200 to its SUBSCRIBE." };
        var subscription = new Command("subscription", "A subscription's life: creation, authorization, NOTIFYs (CSeq, version, body digest), refreshes, end.")
        {
            subscriptionId,
        };
        subscription.SetAction(async (parse, cancellationToken) =>
        {
            var (options, sources) = NodeConfiguration.ReadOptions(parse.GetValue(config));
            var store = JournalStore.From(options.Persistence, Path.GetFullPath(options.DataDirectory, sources.CurrentDirectory));
            return await RunSubscriptionAsync(
                store, parse.GetValue(subscriptionId)!, parse.GetValue(json), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken)
                .ConfigureAwait(false);
        });
        command.Subcommands.Add(subscription);
        config.Recursive = true;
        json.Recursive = true;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (options, sources) = NodeConfiguration.ReadOptions(parse.GetValue(config));
            var store = JournalStore.From(options.Persistence, Path.GetFullPath(options.DataDirectory, sources.CurrentDirectory));
            var request = new HistoryRequest(
                parse.GetValue(entity)!, parse.GetValue(from), parse.GetValue(to), parse.GetValue(at), parse.GetValue(follow), parse.GetValue(json));
            return await RunAsync(store, request, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken)
                .ConfigureAwait(false);
        });
        return command;
    }

    public static async Task<int> RunAsync(JournalStore store, HistoryRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var aor = request.Entity.StartsWith(PresentityActor.PersistenceIdPrefix, StringComparison.Ordinal)
            ? request.Entity[PresentityActor.PersistenceIdPrefix.Length..]
            : request.Entity;
        if (!aor.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) && !aor.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            await error.WriteLineAsync($"simpleactors history: {request.Entity} is not a presentity (sip:user@domain)").ConfigureAwait(false);
            return BadInput;
        }

        using var system = LocalSystem();
        var queries = new JournalQueries(store, system.Serialization);
        try
        {
            if (request.At is { } instant)
            {
                var state = await PresentityTimeline.StateAtAsync(
                    aor, queries.EventsOf(PresentityTimeline.PersistenceId(aor), JournalRange.All, cancellationToken), instant, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync(Encoding.UTF8.GetString(PresentityTimeline.DocumentOf(state))).ConfigureAwait(false);
                return Ok;
            }

            var range = new JournalRange(0, request.From, request.To);
            var console = request.Json ? null : CommandConsole.Create(output);
            var table = console is null ? null : HistoryTable.Create();
            var summaries = new HistorySummaries();
            var progress = HistoryProgress.OnTerminal(error);
            long next = 1;
            await foreach (var moment in PresentityTimeline.ReplayAsync(
                               aor, queries.EventsOf(PresentityTimeline.PersistenceId(aor), JournalRange.All, cancellationToken), cancellationToken).ConfigureAwait(false))
            {
                next = moment.Entry.SequenceNr + 1;
                progress?.Replayed(moment.Entry.SequenceNr);
                if (!InRange(moment, range))
                {
                    continue;
                }

                Write(moment, summaries, table, output);
                if (table is not null && table.Rows.Count == TablePage)
                {
                    // A long history streams: a table per page, never every row in memory.
                    console!.Write(table);
                    table = HistoryTable.Create();
                }
            }

            progress?.Done();
            if (table is not null && table.Rows.Count > 0)
            {
                console!.Write(table);
            }

            if (request.Follow)
            {
                await FollowAsync(aor, queries, next, request, output, cancellationToken).ConfigureAwait(false);
            }

            return Ok;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            await error.WriteLineAsync($"simpleactors history: the journal could not be read: {e.Message}").ConfigureAwait(false);
            return Failed;
        }
    }

    /// <summary>A local actor system with no remoting: only to deserialize events with the serializers that wrote them.</summary>
    private static ActorSystem LocalSystem() =>
        ActorSystem.Create("history", ConfigurationFactory.ParseString(SerializationHosting.Hocon + "\nakka.loglevel = WARNING"));

    /// <summary><c>simpleactors history subscription &lt;id&gt;</c>.</summary>
    public static async Task<int> RunSubscriptionAsync(JournalStore store, string id, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(error);
        using var system = LocalSystem();
        try
        {
            await SubscriptionHistory.WriteAsync(new JournalQueries(store, system.Serialization), id, json, output, cancellationToken).ConfigureAwait(false);
            return Ok;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            await error.WriteLineAsync($"simpleactors history: the journal could not be read: {e.Message}").ConfigureAwait(false);
            return Failed;
        }
    }

    private static async Task FollowAsync(string aor, JournalQueries queries, long next, HistoryRequest request, TextWriter output, CancellationToken cancellationToken)
    {
        // The state of the events already shown, then each new event as it comes (a row per event, or a JSON line).
        var state = await PresentityTimeline.StateAtAsync(
            aor, queries.EventsOf(PresentityTimeline.PersistenceId(aor), JournalRange.All, cancellationToken), DateTimeOffset.MaxValue, cancellationToken).ConfigureAwait(false);
        var console = request.Json ? null : CommandConsole.Create(output);
        var summaries = new HistorySummaries();
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
                    var moment = new EntityMoment<PresentityState, IPresentityEvent>(entry, change, state);
                    if (console is null)
                    {
                        Write(moment, summaries, null, output);
                    }
                    else
                    {
                        var table = HistoryTable.Create();
                        HistoryTable.Add(table, moment, summaries.Of(moment));
                        console.Write(table);
                    }
                }

                await Task.Delay(FollowInterval, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the end of following.
        }
    }

    private static bool InRange(EntityMoment<PresentityState, IPresentityEvent> moment, JournalRange range) =>
        (range.From is not { } from || moment.Entry.WrittenAt >= from) && (range.To is not { } to || moment.Entry.WrittenAt <= to);

    private static void Write(EntityMoment<PresentityState, IPresentityEvent> moment, HistorySummaries summaries, Table? table, TextWriter output)
    {
        var summary = summaries.Of(moment);
        if (table is not null)
        {
            HistoryTable.Add(table, moment, summary);
            return;
        }

        output.WriteLine(JsonSerializer.Serialize(new
        {
            time = moment.Change.At.ToString("O", CultureInfo.InvariantCulture),
            writtenAt = moment.Entry.WrittenAt.ToString("O", CultureInfo.InvariantCulture),
            sequenceNr = moment.Entry.SequenceNr,
            @event = moment.Change.GetType().Name,
            detail = summary.Detail,
            basic = summary.Basic,
            notes = summary.Notes,
            publications = moment.State.Publications.Select(p => new { etag = p.ETag, expiresAt = p.ExpiresAt, identity = p.Identity }),
            watchers = moment.State.Watchers.Select(w => new { subscription = w.SubscriptionId, watcher = w.Watcher, package = w.Package, status = w.Status.ToString() }),
            version = moment.State.Version,
        }, JsonLines));
    }
}

/// <summary>What <c>simpleactors history</c> was asked.</summary>
internal sealed record HistoryRequest(string Entity, DateTimeOffset? From, DateTimeOffset? To, DateTimeOffset? At, bool Follow, bool Json);
