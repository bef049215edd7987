using Akka.Hosting;

namespace SimpleActors.Engine.Serialization;

/// <summary>Registers the project serializer with an actor system built by Akka.Hosting.</summary>
public static class SerializationHosting
{
    /// <summary>The serializer's name in the <c>akka.actor.serializers</c> section.</summary>
    public const string SerializerName = "simpleactors";

    /// <summary>The same binding as HOCON, for an actor system made without Akka.Hosting (tools, tests).</summary>
    public static readonly string Hocon = $$"""
        akka.actor.serializers.{{SerializerName}} = "{{typeof(SimpleActorsSerializer).FullName}}, {{typeof(SimpleActorsSerializer).Assembly.GetName().Name}}"
        akka.actor.serialization-bindings {
          "{{typeof(IEngineSerializable).FullName}}, {{typeof(IEngineSerializable).Assembly.GetName().Name}}" = {{SerializerName}}
        }
        """;

    /// <summary>Binds <see cref="IEngineSerializable"/> (and so every event, snapshot and sharded message) to <see cref="SimpleActorsSerializer"/>.</summary>
    public static AkkaConfigurationBuilder WithSimpleActorsSerializer(this AkkaConfigurationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithCustomSerializer(SerializerName, [typeof(IEngineSerializable)], system => new SimpleActorsSerializer(system));
    }
}
