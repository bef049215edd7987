namespace SimpleActors.Msrp.Imdn;

/// <summary>
/// The IMDN headers of a CPIM message (RFC 5438 section 6): its <c>imdn.Message-ID</c>, its <c>DateTime</c> and the
/// notifications <c>imdn.Disposition-Notification</c> asks for.
/// </summary>
/// <param name="MessageId">The message's identifier, unique to its sender (RFC 5438 section 6.3).</param>
/// <param name="DateTime">The message's DateTime, which an IMDN repeats; null when the sender left it out.</param>
/// <param name="Notifications">What the sender asks for; <see cref="DispositionNotification.None"/> when nothing.</param>
public sealed record ImdnRequest(string MessageId, DateTimeOffset? DateTime, DispositionNotification Notifications);
