using System.CommandLine;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using SimpleActors.Engine.Entities;
using SimpleActors.Engine.History;
using SimpleActors.Engine.Mailbox;
using SimpleActors.Engine.Registration;
using SimpleActors.Engine.Persistence;
using SimpleActors.Engine.Persistence.Query;
using SimpleActors.Engine.Serialization;
using SimpleActors.Node.Configuration;

namespace SimpleActors.Node.Commands;

/// <summary>
/// <c>simpleactors history &lt;entity&gt; [--from T] [--to T] [--at T] [--follow] [--json]</c>: what the server believed about
/// an entity and when, read from the journal of the configured database (a running cluster's PostgreSQL or a stopped
/// node's SQLite file; <c>--config</c> as for <c>run</c>). The entity is a presentity's address of record, or a
/// persistence id with its prefix (<c>registration|</c>, <c>mailbox|</c>, <c>subscription|</c>, <c>presentity|</c>), or
/// named by a subcommand (<c>history registration &lt;aor&gt;</c>, <c>mailbox &lt;aor&gt;</c>, <c>subscription &lt;id&gt;</c>);
/// <c>history changes</c> lists every presentity's changes in a window (<see cref="PresenceChanges"/>).
/// Each event is shown with the state it left, rebuilt with the entity's own code (<see cref="EntityTimeline"/>);
/// this class only dispatches to the entity's writer (<see cref="PresentityHistory"/>, <see cref="RegistrationHistory"/>,
/// <see cref="MailboxHistory"/>, <see cref="SubscriptionHistory"/>). Exit codes: 0, 1 the database could not be read,
/// 2 bad input.
/// </summary>
internal static class HistoryCommand
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    /// <summary>How often <c>--follow</c> looks for new events.</summary>
    internal static readonly TimeSpan FollowInterval = TimeSpan.FromSeconds(1);

    // Lines for people and scripts alike: "+" and "->" as they are, not \u escapes (nothing here goes into HTML).
    internal static readonly JsonSerializerOptions JsonLines = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config") { Description = "A JSON configuration file layered over config/simpleactors.json (the database to read)." };
        var from = new Option<DateTimeOffset?>("--from") { Description = "Only events written at or after this time (ISO 8601, e.g. 2026-11-26T14:02:00Z)." };
        var to = new Option<DateTimeOffset?>("--to") { Description = "Only events written at or before this time." };
        var at = new Option<DateTimeOffset?>("--at") { Description = "A presentity: print the presence document watchers were sent for the state at this time; an XCAP document: the document then." };
        var follow = new Option<bool>("--follow") { Description = "After the history, print new events as they are written (Ctrl+C ends)." };
        var json = new Option<bool>("--json") { Description = "One JSON object per line instead of a table." };
        var entity = new Argument<string>("ENTITY")
        {
            Description = "A presentity, e.g. sip:alice@example.com, or a persistence id: presentity|<aor>, registration|<aor>, mailbox|<aor>, subscription|<id>, xcap|<document selector>.",
        };
        var command = new Command("history", "The journaled history of an entity: events, the state each left; for a presentity the document at an instant.")
        {
            config, from, to, at, follow, json, entity,
        };
        foreach (var option in new Option[] { config, from, to, at, follow, json })
        {
            option.Recursive = true;
        }

        Task<int> RunParsedAsync(ParseResult parse, string entity, CancellationToken cancellationToken, bool changes = false)
        {
            var (options, sources) = NodeConfiguration.ReadOptions(parse.GetValue(config));
            var store = JournalStore.From(options.Persistence, Path.GetFullPath(options.DataDirectory, sources.CurrentDirectory));
            var request = new HistoryRequest(entity, parse.GetValue(from), parse.GetValue(to), parse.GetValue(at), parse.GetValue(follow), parse.GetValue(json));
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            return changes ? RunChangesAsync(store, request, output, error, cancellationToken) : RunAsync(store, request, output, error, cancellationToken);
        }

        // The subcommands name the kind; the key goes the same way as a prefixed persistence id.
        foreach (var (kind, key, keyDescription, description) in new[]
                 {
                     (HistoryEntity.Registration, "AOR", "The address of record, e.g. sip:alice@example.com.",
                         "An address of record's bindings: each added, refreshed or removed (by which REGISTER, or expiry), and the bindings it left."),
                     (HistoryEntity.Mailbox, "AOR", "The address of record, e.g. sip:alice@example.com.",
                         "Pager messages stored for an offline user: each queued (sender, Call-ID, CSeq, type, size), delivered or expired."),
                     (HistoryEntity.Subscription, "ID", "The subscription id: the To-tag of our 200 to its SUBSCRIBE.",
                         "A subscription's life: creation, authorization, NOTIFYs (CSeq, version, body digest), refreshes, end."),
                     (HistoryEntity.Xcap, "SELECTOR", "The XCAP document selector, e.g. pres-rules/users/sip:alice@example.com/index.",
                         "An XCAP document's edits (who, method, target) and versions (ETag, size); with --at, the document at that time."),
                 })
        {
            var argument = new Argument<string>(key) { Description = keyDescription };
            var subcommand = new Command(kind.ToString().ToLowerInvariant(), description) { argument };
            subcommand.SetAction((parse, cancellationToken) =>
                RunParsedAsync(parse, HistoryTarget.PrefixOf(kind) + parse.GetValue(argument), cancellationToken));
            command.Subcommands.Add(subcommand);
        }

        var changes = new Command("changes", "Every presence change of every presentity in the window (--from/--to), in the order written.");
        changes.SetAction((parse, cancellationToken) => RunParsedAsync(parse, "changes", cancellationToken, changes: true));
        command.Subcommands.Add(changes);

        command.SetAction((parse, cancellationToken) => RunParsedAsync(parse, parse.GetValue(entity)!, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(JournalStore store, HistoryRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!HistoryTarget.TryParse(request.Entity, out var target, out var reason))
        {
            await error.WriteLineAsync($"simpleactors history: {reason}").ConfigureAwait(false);
            return BadInput;
        }

        if (target.Entity is not (HistoryEntity.Presentity or HistoryEntity.Xcap) && request.At is not null)
        {
            await error.WriteLineAsync(
                $"simpleactors history: --at (the document at an instant) is for a presentity's or an XCAP document's history only, not a {target.Entity.ToString().ToLowerInvariant()}'s")
                .ConfigureAwait(false);
            return BadInput;
        }

        using var system = LocalSystem();
        var queries = new JournalQueries(store, system.Serialization);
        var window = new JournalRange(0, request.From, request.To);
        Task ShowAsync<TState, TEvent>(HistoryRows<TState, TEvent> rows, string persistenceId, TState initial)
            where TState : IEntityState<TState, TEvent>
            where TEvent : class =>
            EntityHistory.ShowAsync(
                new HistoryPrinter<TState, TEvent>(rows, request.Json, output), queries, persistenceId, initial, window, request.Follow, error, cancellationToken);

        return await ReadingAsync(error, () => target.Entity switch
        {
            HistoryEntity.Registration => ShowAsync(RegistrationHistory.Rows, target.PersistenceId, RegistrationState.Empty(target.Key)),
            HistoryEntity.Mailbox => ShowAsync(MailboxHistory.Rows, target.PersistenceId, MailboxState.Empty(target.Key)),
            HistoryEntity.Subscription => ShowAsync(SubscriptionHistory.Rows, target.PersistenceId, Engine.Subscription.SubscriptionState.None(target.Key)),
            HistoryEntity.Xcap => XcapDocumentHistory.WriteAsync(queries, target.Key, request, output, error, cancellationToken),
            _ => PresentityHistory.WriteAsync(queries, target.Key, request, output, error, cancellationToken),
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>simpleactors history changes</c>: every presence change in the window (<see cref="PresenceChanges"/>); with
    /// <c>--follow</c>, then each change as it is written, never past one not visible yet (<see cref="TagFollower"/>). Not
    /// <c>--at</c>: that is one presentity's.
    /// </summary>
    public static async Task<int> RunChangesAsync(JournalStore store, HistoryRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(error);
        if (request.At is not null)
        {
            await error.WriteLineAsync("simpleactors history changes: --at is for one presentity's history (history <aor> --at T)").ConfigureAwait(false);
            return BadInput;
        }

        using var system = LocalSystem();
        var queries = new JournalQueries(store, system.Serialization);
        var printer = new HistoryPrinter<string, Engine.Presence.IPresentityEvent>(PresenceChanges.Rows, request.Json, output);
        return await ReadingAsync(error, async () =>
        {
            // Following: the listing ends where the journal ends now, and the follower goes on from there.
            var end = request.Follow ? await queries.LastOrderingAsync(cancellationToken).ConfigureAwait(false) : long.MaxValue - 1;
            var window = new JournalRange(0, request.From, request.To, BeforePosition: end + 1);
            await printer.WriteAsync(PresenceChanges.ReadAsync(queries, window, cancellationToken), window, error, cancellationToken).ConfigureAwait(false);
            if (request.Follow)
            {
                await FollowChangesAsync(printer, new TagFollower(queries, FollowInterval, TagFollower.DefaultGapTimeout), end + 1, cancellationToken).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    private static async Task FollowChangesAsync(
        HistoryPrinter<string, Engine.Presence.IPresentityEvent> printer, TagFollower follower, long from, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var moment in PresenceChanges.Of(follower.FollowAsync(Engine.Persistence.JournalTags.Presence, from, cancellationToken)).ConfigureAwait(false))
            {
                printer.Add(moment);
                printer.Flush();
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the end of following.
        }
    }

    /// <summary>Runs a read of the journal: <see cref="Ok"/>, or <see cref="Failed"/> with the reason when the database could not be read.</summary>
    private static async Task<int> ReadingAsync(TextWriter error, Func<Task> read)
    {
        try
        {
            await read().ConfigureAwait(false);
            return Ok;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            await error.WriteLineAsync($"simpleactors history: the journal could not be read: {e.Message}").ConfigureAwait(false);
            return Failed;
        }
    }

    /// <summary><c>simpleactors history subscription &lt;id&gt;</c>: the same as <c>history subscription|&lt;id&gt;</c>.</summary>
    public static Task<int> RunSubscriptionAsync(JournalStore store, string id, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(store, new HistoryRequest(HistoryTarget.PrefixOf(HistoryEntity.Subscription) + id, null, null, null, false, json), output, error, cancellationToken);

    /// <summary>A local actor system with no remoting: only to deserialize events with the serializers that wrote them.</summary>
    private static ActorSystem LocalSystem() =>
        ActorSystem.Create("history", ConfigurationFactory.ParseString(SerializationHosting.Hocon + "\nakka.loglevel = WARNING"));
}

/// <summary>What <c>simpleactors history</c> was asked.</summary>
internal sealed record HistoryRequest(string Entity, DateTimeOffset? From, DateTimeOffset? To, DateTimeOffset? At, bool Follow, bool Json);
