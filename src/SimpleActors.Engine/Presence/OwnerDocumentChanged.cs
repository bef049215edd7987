namespace SimpleActors.Engine.Presence;

/// <summary>
/// An owner document of the presentity changed (<see cref="OwnerDocument"/>): the XcapDocument entity of
/// <paramref name="Selector"/> tells it after every change, and again after it starts, until the presentity answers
/// <see cref="OwnerDocumentTaken"/>. A version the presentity holds already is answered and changes nothing.
/// </summary>
/// <param name="ETag">The new entity tag; null with <paramref name="Document"/> when the document was deleted.</param>
public sealed record OwnerDocumentChanged(string Aor, string Selector, string Auid, string? ETag, byte[]? Document, DateTimeOffset At) : IPresentityMessage;

/// <summary>The presentity holds the version <paramref name="ETag"/> of <paramref name="Selector"/> (null: holds none).</summary>
public sealed record OwnerDocumentTaken(string Aor, string Selector, string? ETag) : Serialization.IEngineSerializable;

/// <summary>The presentity took a version of an owner document (null <paramref name="ETag"/>: the document was deleted).</summary>
public sealed record OwnerDocumentSet(string Aor, string Selector, string Auid, string? ETag, byte[]? Document, DateTimeOffset At) : IPresentityEvent;

/// <summary>
/// The owner's presence rules changed the status of watching subscriptions (by subscription id): pending ones they allow
/// became active, active ones they hold for confirmation pending (RFC 5025 section 4). Blocked ones end and leave.
/// </summary>
public sealed record WatcherStatusesChanged(string Aor, IReadOnlyDictionary<string, Subscription.SubscriptionStatus> Statuses, DateTimeOffset At) : IPresentityEvent;
