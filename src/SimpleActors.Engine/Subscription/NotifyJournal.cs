namespace SimpleActors.Engine.Subscription;

/// <summary>
/// What a NOTIFY about to leave journals (<see cref="SubscriptionDecision.NotifyEvents"/>), and whether the events must be
/// in the journal before it leaves (<paramref name="BeforeSending"/>: it reserves CSeqs, ends the subscription or numbers
/// a watcher-info document) or may be written while it is on its way (a NOTIFY inside the reserved CSeqs).
/// </summary>
public sealed record NotifyJournal(IReadOnlyList<ISubscriptionEvent> Events, bool BeforeSending);
