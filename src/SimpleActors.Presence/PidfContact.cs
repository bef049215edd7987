namespace SimpleActors.Presence;

/// <summary>
/// A tuple's <c>contact</c> address (RFC 3863 section 4.1.5): the URI to reach the service at and
/// its relative priority.
/// </summary>
/// <param name="Uri">The contact URI (any scheme: sip, im, tel, mailto, ...), whitespace-trimmed.</param>
/// <param name="Priority">
/// 0 to 1 inclusive with at most three decimals (the RFC's qvalue), or null when absent.
/// </param>
public sealed record PidfContact(string Uri, double? Priority);
