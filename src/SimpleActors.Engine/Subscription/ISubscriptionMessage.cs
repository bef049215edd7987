using SimpleActors.Engine.Serialization;

namespace SimpleActors.Engine.Subscription;

/// <summary>A command for the Subscription entity <see cref="SubscriptionId"/> (the To-tag the server issued).</summary>
public interface ISubscriptionMessage : IEngineSerializable
{
    string SubscriptionId { get; }
}
