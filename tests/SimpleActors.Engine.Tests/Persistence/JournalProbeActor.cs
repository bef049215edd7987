using Akka.Actor;
using Akka.Persistence;

namespace SimpleActors.Engine.Tests.Persistence;

/// <summary>
/// A persistent actor that exercises every journal and snapshot-store call: persists numbers, saves a snapshot of
/// them, deletes events, and reports what it holds and how it recovered.
/// </summary>
internal sealed class JournalProbeActor : ReceivePersistentActor
{
    private List<int> numbers = [];
    private bool fromSnapshot;
    private IActorRef? waiting;

    public JournalProbeActor(string persistenceId)
    {
        PersistenceId = persistenceId;
        Recover<SnapshotOffer>(offer =>
        {
            numbers = [.. (int[])offer.Snapshot];
            fromSnapshot = true;
        });
        Recover<int>(n => numbers.Add(n));
        Command<int>(n => Persist(n, persisted =>
        {
            numbers.Add(persisted);
            Sender.Tell(LastSequenceNr);
        }));
        Command<TakeSnapshot>(_ =>
        {
            waiting = Sender;
            SaveSnapshot(numbers.ToArray());
        });
        Command<SaveSnapshotSuccess>(success => waiting?.Tell(success.Metadata.SequenceNr));
        Command<DeleteTo>(delete =>
        {
            waiting = Sender;
            DeleteMessages(delete.SequenceNr);
        });
        Command<DeleteMessagesSuccess>(success => waiting?.Tell(success.ToSequenceNr));
        Command<DeleteMessagesFailure>(failure => waiting?.Tell(new Status.Failure(failure.Cause)));
        Command<Query>(_ => Sender.Tell(new State([.. numbers], LastSequenceNr, fromSnapshot)));
    }

    public override string PersistenceId { get; }

    public sealed record TakeSnapshot;

    public sealed record DeleteTo(long SequenceNr);

    public sealed record Query;

    public sealed record State(int[] Numbers, long LastSequenceNr, bool FromSnapshot);
}
