using Akka;
using Akka.Actor;
using Akka.Persistence;

namespace SimpleActors.Node.Tests.Hosting;

/// <summary>A persistent actor that journals every note it is told and answers with the notes it holds.</summary>
internal sealed class NoteActor : ReceivePersistentActor
{
    private readonly List<string> _notes = [];

    public NoteActor(string persistenceId)
    {
        PersistenceId = persistenceId;
        Recover<string>(note => _notes.Add(note));
        Command<string>(note => Persist(note, persisted =>
        {
            _notes.Add(persisted);
            Sender.Tell(Done.Instance);
        }));
        Command<Query>(_ => Sender.Tell(_notes.ToArray()));
    }

    public override string PersistenceId { get; }

    /// <summary>Asks for the notes the actor holds.</summary>
    public sealed record Query;
}
