using Akka.Actor;
using Akka.Persistence;

namespace SimpleActors.Engine.Persistence;

/// <summary>
/// Reads one persistence id's latest snapshot and the events after it through Akka.Persistence's own protocol (the
/// snapshot store's <see cref="LoadSnapshot"/>, the journal's <see cref="ReplayMessages"/>), for an actor that keeps
/// many event streams instead of being one (<see cref="Registration.RegistrationShard"/>). The replies carry no
/// persistence id, so each read has its own reply reference; the journal batches the reads of many streams together.
/// </summary>
public static class StreamRecovery
{
    /// <summary>What a stream holds: its snapshot (or null), the snapshot's sequence number, the events after it and the
    /// highest sequence number written (deleted events count).</summary>
    public sealed record Recovered(string PersistenceId, object? Snapshot, IReadOnlyList<object> Events, long HighestSequenceNr);

    /// <param name="mayBeNew">
    /// The stream may well not exist (a user never seen): ask the journal for its highest sequence number first (a
    /// replay up to 0 reads only that), and read no snapshot when it is 0, so a new stream costs one read, not two. A
    /// stream that was never written has no snapshot: deleted events still count in the highest sequence number.
    /// </param>
    public static async Task<Recovered> RecoverAsync(
        IActorRef snapshotStore, IActorRef journal, IActorRefProvider provider, string persistenceId, bool mayBeNew = false)
    {
        ArgumentNullException.ThrowIfNull(snapshotStore);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        if (mayBeNew)
        {
            var probe = new Collector(provider);
            journal.Tell(new ReplayMessages(1, 0, 0, persistenceId, probe));
            if (await HighestAsync(probe, persistenceId).ConfigureAwait(false) == 0)
            {
                return new Recovered(persistenceId, null, [], 0);
            }
        }

        var load = new Collector(provider);
        snapshotStore.Tell(new LoadSnapshot(persistenceId, SnapshotSelectionCriteria.Latest, long.MaxValue), load);
        var loaded = await load.Done.ConfigureAwait(false) switch
        {
            LoadSnapshotResult result => result,
            LoadSnapshotFailed failed => throw new InvalidOperationException($"Loading the snapshot of {persistenceId} failed.", failed.Cause),
            var other => throw new InvalidOperationException($"Unexpected {other.GetType().Name} loading the snapshot of {persistenceId}."),
        };

        var from = loaded.Snapshot?.Metadata.SequenceNr ?? 0;
        var replay = new Collector(provider);
        journal.Tell(new ReplayMessages(from + 1, long.MaxValue, long.MaxValue, persistenceId, replay));
        var highest = await HighestAsync(replay, persistenceId).ConfigureAwait(false);
        return new Recovered(persistenceId, loaded.Snapshot?.Snapshot, replay.Events, Math.Max(highest, from));
    }

    private static async Task<long> HighestAsync(Collector replay, string persistenceId) => await replay.Done.ConfigureAwait(false) switch
    {
        RecoverySuccess success => success.HighestSequenceNr,
        ReplayMessagesFailure failure => throw new InvalidOperationException($"Replaying {persistenceId} failed.", failure.Cause),
        var other => throw new InvalidOperationException($"Unexpected {other.GetType().Name} replaying {persistenceId}."),
    };

    /// <summary>A reply reference that keeps replayed events and completes on the first other message.</summary>
    private sealed class Collector(IActorRefProvider provider) : MinimalActorRef
    {
        private readonly TaskCompletionSource<object> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<object> events = [];

        public override ActorPath Path { get; } = provider.TempPath();

        public override IActorRefProvider Provider { get; } = provider;

        public Task<object> Done => done.Task;

        public IReadOnlyList<object> Events => events;

        protected override void TellInternal(object message, IActorRef sender)
        {
            if (message is ReplayedMessage replayed)
            {
                events.Add(replayed.Persistent.Payload);
            }
            else
            {
                done.TrySetResult(message);
            }
        }
    }
}
