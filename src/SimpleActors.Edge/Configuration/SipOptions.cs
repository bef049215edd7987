namespace SimpleActors.Edge.Configuration;

/// <summary>The <c>Sip</c> section of the configuration: listening sockets and parser limits.</summary>
public sealed class SipOptions
{
    /// <summary>The sockets an <c>edge</c> node opens. None by default: listeners arrive with the SIP edge.</summary>
    public IList<SipListenerOptions> Listeners { get; } = [];

    public SipParserLimitsOptions Limits { get; set; } = new();
}
