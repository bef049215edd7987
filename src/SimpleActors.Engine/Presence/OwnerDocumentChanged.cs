namespace SimpleActors.Engine.Presence;

/// <summary>
/// An owner document of the presentity changed (<see cref="OwnerDocument"/>): the XcapDocument entity of
/// <paramref name="Selector"/> tells it after every change, and again after it starts, until the presentity answers
/// <see cref="OwnerDocumentTaken"/>. A version the presentity holds already is answered and changes nothing.
/// </summary>
/// <param name="ETag">The new entity tag; null when the document was deleted.</param>
/// <param name="Document">The document, for one the presence service reads (<see cref="OwnerDocument.IsRead"/>); else null.</param>
/// <param name="PreviousETag">The entity tag of the version before, if there was one.</param>
/// <param name="Patch">The RFC 5261 operations from the previous version to this one (for xcap-diff, RFC 5874), or empty.</param>
public sealed record OwnerDocumentChanged(
    string Aor, string Selector, string Auid, string? ETag, byte[]? Document, DateTimeOffset At, string? PreviousETag = null, IReadOnlyList<string>? Patch = null)
    : IPresentityMessage;

/// <summary>
/// The presentity holds the version <paramref name="ETag"/> of <paramref name="Selector"/> (null: holds none);
/// <paramref name="WantsPatches"/> when an xcap-diff subscription watches the owner's documents, so the document makes
/// the patch of its next change (RFC 5875 section 4.8 lets a notifier leave patches out; computing them for nobody
/// would cost every write).
/// </summary>
public sealed record OwnerDocumentTaken(string Aor, string Selector, string? ETag, bool WantsPatches = false) : Serialization.IEngineSerializable;

/// <summary>
/// The presentity took a version of an owner document (null <paramref name="ETag"/>: the document was deleted); the
/// document itself only for one it reads (the others it lists, for the user's XCAP directory and xcap-diff).
/// </summary>
public sealed record OwnerDocumentSet(string Aor, string Selector, string Auid, string? ETag, byte[]? Document, DateTimeOffset At) : IPresentityEvent;

/// <summary>
/// The owner's presence rules changed the status of watching subscriptions (by subscription id): pending ones they allow
/// became active, active ones they hold for confirmation pending (RFC 5025 section 4). Blocked ones end and leave.
/// </summary>
public sealed record WatcherStatusesChanged(string Aor, IReadOnlyDictionary<string, Subscription.SubscriptionStatus> Statuses, DateTimeOffset At) : IPresentityEvent;

/// <summary>Which XCAP documents the presentity's owner has (the user's XCAP directory, OMA XDM): answered <see cref="OwnerDocumentList"/>.</summary>
public sealed record GetOwnerDocuments(string Aor) : IPresentityMessage;

/// <summary>The owner's documents: selector and entity tag of each (as <see cref="Subscription.XcapDocumentVersion"/>s with no previous tag).</summary>
public sealed record OwnerDocumentList(string Aor, IReadOnlyList<Subscription.XcapDocumentVersion> Documents) : Serialization.IEngineSerializable;
