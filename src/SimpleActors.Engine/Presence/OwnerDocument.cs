namespace SimpleActors.Engine.Presence;

/// <summary>
/// A document the presentity's owner keeps through XCAP. The presentity lists them all (the user's XCAP directory, the
/// state of xcap-diff subscriptions) and holds the ones the presence service itself reads: presence rules (RFC 5025,
/// under either AUID) decide and filter what watchers see, a pidf-manipulation document (RFC 4827) is composed into the
/// presentity as hard state.
/// </summary>
/// <param name="Auid">The application usage, e.g. <c>pres-rules</c>.</param>
/// <param name="ETag">The XCAP entity tag of this version.</param>
/// <param name="Document">The document as stored, for one the presence service reads; empty for the others.</param>
public sealed record OwnerDocument(string Auid, string ETag, byte[] Document)
{
    /// <summary>RFC 5025 presence rules under the IETF AUID.</summary>
    public const string PresRules = "pres-rules";

    /// <summary>The same rules under the OMA AUID that clients use.</summary>
    public const string OmaPresRules = "org.openmobilealliance.pres-rules";

    /// <summary>RFC 4827 presence manipulation: hard state.</summary>
    public const string PidfManipulation = "pidf-manipulation";

    /// <summary>Whether the presence service reads documents of <paramref name="auid"/>.</summary>
    public static bool IsRead(string auid) => auid is PresRules or OmaPresRules or PidfManipulation;

    public bool IsRules => Auid is PresRules or OmaPresRules;

    public bool IsHardState => Auid == PidfManipulation;

    public bool Equals(OwnerDocument? other) => other is not null && Auid == other.Auid && ETag == other.ETag;

    public override int GetHashCode() => HashCode.Combine(Auid, ETag);
}
