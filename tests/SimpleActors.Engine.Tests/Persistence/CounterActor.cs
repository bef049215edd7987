using Akka.Actor;
using Akka.Persistence;

namespace SimpleActors.Engine.Tests.Persistence;

/// <summary>A persistent actor that journals every number it is told and answers with the ones it holds.</summary>
internal sealed class CounterActor : ReceivePersistentActor
{
    private readonly List<int> _numbers = [];

    public CounterActor(string persistenceId)
    {
        PersistenceId = persistenceId;
        Recover<int>(n => _numbers.Add(n));
        Command<int>(n => Persist(n, persisted =>
        {
            _numbers.Add(persisted);
            Sender.Tell(persisted);
        }));
        Command<Query>(_ => Sender.Tell(_numbers.ToArray()));
    }

    public override string PersistenceId { get; }

    /// <summary>Asks for the numbers the actor holds.</summary>
    public sealed record Query;
}
