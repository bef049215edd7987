using Akka.Hosting;

namespace SimpleActors.Engine.Serialization;

/// <summary>Registers the project serializer with an actor system built by Akka.Hosting.</summary>
public static class SerializationHosting
{
    /// <summary>The serializer's name in the <c>akka.actor.serializers</c> section.</summary>
    public const string SerializerName = "simpleactors";

    /// <summary>Binds <see cref="IEngineSerializable"/> (and so every event, snapshot and sharded message) to <see cref="SimpleActorsSerializer"/>.</summary>
    public static AkkaConfigurationBuilder WithSimpleActorsSerializer(this AkkaConfigurationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithCustomSerializer(SerializerName, [typeof(IEngineSerializable)], system => new SimpleActorsSerializer(system));
    }
}
