using SimpleActors.Engine.Serialization;

namespace SimpleActors.Engine.Xcap;

/// <summary>A command for the XcapDocument entity of one document, routed by its document selector (RFC 4825 section 6.2).</summary>
public interface IXcapDocumentMessage : IEngineSerializable
{
    /// <summary>The document selector, e.g. <c>pres-rules/users/sip:alice@example.com/index</c>: the entity id.</summary>
    string Selector { get; }
}
