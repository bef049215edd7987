namespace SimpleActors.Engine.Registration;

/// <summary>A new contact was bound. The binding carries the Call-ID and CSeq of the REGISTER.</summary>
public sealed record BindingAdded(string Aor, Binding Binding, string? Identity, DateTimeOffset At) : IRegistrationEvent;

/// <summary>
/// An existing binding (<paramref name="StoredUri"/>, as stored) was refreshed by a REGISTER for an
/// equivalent contact URI; <paramref name="Binding"/> replaces it in place.
/// </summary>
public sealed record BindingRefreshed(string Aor, string StoredUri, Binding Binding, string? Identity, DateTimeOffset At) : IRegistrationEvent;

/// <summary>
/// A binding (<paramref name="Uri"/>, as stored) was removed. Call-ID, CSeq and identity are those of
/// the REGISTER that removed it, absent for <see cref="BindingRemovalReason.Expired"/>.
/// </summary>
public sealed record BindingRemoved(
    string Aor,
    string Uri,
    BindingRemovalReason Reason,
    string? CallId,
    uint? CSeq,
    string? Identity,
    DateTimeOffset At) : IRegistrationEvent;

/// <summary>Why a binding was removed.</summary>
public enum BindingRemovalReason
{
    /// <summary>A REGISTER with expires 0 for it, or <c>Contact: *</c>.</summary>
    Unregistered = 0,

    /// <summary>Its expiry time passed.</summary>
    Expired = 1,

    /// <summary>A REGISTER from the same instance and reg-id replaced it (RFC 5626 section 6).</summary>
    Replaced = 2,
}
