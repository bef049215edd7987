using SimpleActors.Engine.Serialization;

namespace SimpleActors.Engine.Xcap;

/// <summary>An event in the journal of an XcapDocument entity.</summary>
public interface IXcapDocumentEvent : IEngineSerializable
{
    string Selector { get; }

    DateTimeOffset At { get; }
}
