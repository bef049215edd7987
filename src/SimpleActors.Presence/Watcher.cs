namespace SimpleActors.Presence;

/// <summary>One <c>watcher</c> of a watcher list (RFC 3858 section 3): one subscription to the resource.</summary>
/// <param name="Id">The watcher's <c>id</c>, unique in its list; it identifies the subscription across partial documents.</param>
/// <param name="Uri">The watcher's URI (the element's content), whitespace-trimmed.</param>
/// <param name="Status">The subscription's <c>status</c>.</param>
/// <param name="Event">The <c>event</c> that caused the last status change.</param>
/// <param name="DisplayName">The <c>display-name</c>, or null.</param>
/// <param name="DurationSubscribed">The <c>duration-subscribed</c> in seconds, or null.</param>
/// <param name="Expiration">The <c>expiration</c> in seconds, or null.</param>
public sealed record Watcher(
    string Id,
    string Uri,
    WatcherStatus Status,
    WatcherEvent Event,
    string? DisplayName,
    long? DurationSubscribed,
    long? Expiration);
