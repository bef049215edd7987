using SimpleActors.Engine.Presence;

namespace SimpleActors.Engine.Xcap;

/// <summary>
/// The admin API's decision about a watcher, written as a rule into the owner's pres-rules document
/// (<paramref name="Selector"/>): a rule with the watcher's identity and the sub-handling of the decision (RFC 5025
/// section 3.2.1), other rules untouched. The reply is an <see cref="XcapDocumentAnswer"/> (200 or 201 with the new ETag).
/// </summary>
public sealed record SetWatcherDecision(string Selector, string Watcher, AuthorizationDecision Decision, string By) : IXcapDocumentMessage;
