using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Serialization;
using SimpleActors.Engine.Subscription;

namespace SimpleActors.Engine.Rls;

/// <summary>
/// Asks the presentity of a list's owner for the service <paramref name="ServiceUri"/> as its rls-services document
/// defines it now; answered with a <see cref="ListServiceAnswer"/>. The edge asks before it accepts a list SUBSCRIBE
/// (404 for a service that is gone, 489 for a package it does not serve).
/// </summary>
public sealed record GetListService(string Aor, string ServiceUri) : IPresentityMessage;

/// <summary>The service's definition, or null when the owner's documents define no such service.</summary>
public sealed record ListServiceAnswer(string ServiceUri, ListDefinition? Definition) : IEngineSerializable;

/// <summary>
/// A list subscription follows the service <paramref name="ServiceUri"/> of the owner <paramref name="Aor"/>: the owner's
/// presentity journals it, answers with a <see cref="ListChanged"/> at once and sends another whenever a change of the
/// owner's rls-services or resource-lists documents changes the service (RFC 4662 section 4.3, RFC 4826 section 4).
/// </summary>
public sealed record WatchList(string Aor, string ServiceUri, string SubscriptionId) : IPresentityMessage;

/// <summary>The list subscription ended: the owner's presentity forgets it.</summary>
public sealed record UnwatchList(string Aor, string SubscriptionId) : IPresentityMessage;

/// <summary>The service a list subscription follows, as defined now (null: the owner's documents no longer define it).</summary>
public sealed record ListChanged(string SubscriptionId, string ServiceUri, ListDefinition? Definition) : ISubscriptionMessage;

/// <summary>A list subscription started following one of the owner's services (<see cref="WatchList"/>).</summary>
public sealed record ListWatcherAdded(string Aor, string SubscriptionId, string ServiceUri, DateTimeOffset At) : IPresentityEvent;

/// <summary>A list subscription stopped following the owner's service.</summary>
public sealed record ListWatcherRemoved(string Aor, string SubscriptionId, DateTimeOffset At) : IPresentityEvent;
