namespace SimpleActors.Engine.Presence;

/// <summary>
/// A document the presentity's owner keeps through XCAP. The presentity lists them all (the user's XCAP directory, the
/// state of xcap-diff subscriptions) and holds the ones the presence service itself reads: presence rules (RFC 5025,
/// under either AUID) decide and filter what watchers see, a pidf-manipulation document (RFC 4827) is composed into the
/// presentity as hard state.
/// </summary>
/// <param name="Auid">The application usage, e.g. <c>pres-rules</c>.</param>
/// <param name="ETag">The XCAP entity tag of this version.</param>
/// <param name="Document">The document as stored, for one the presentity keeps (<see cref="IsKept"/>); empty for the others.</param>
public sealed record OwnerDocument(string Auid, string ETag, byte[] Document)
{
    /// <summary>RFC 5025 presence rules under the IETF AUID.</summary>
    public const string PresRules = "pres-rules";

    /// <summary>The same rules under the OMA AUID that clients use.</summary>
    public const string OmaPresRules = "org.openmobilealliance.pres-rules";

    /// <summary>RFC 4827 presence manipulation: hard state.</summary>
    public const string PidfManipulation = "pidf-manipulation";

    /// <summary>RFC 4826 rls-services: the owner's list services (the resource list server reads them).</summary>
    public const string RlsServices = "rls-services";

    /// <summary>RFC 4826 resource-lists: the owner's lists, which rls-services documents may reference.</summary>
    public const string ResourceLists = "resource-lists";

    /// <summary>Whether the presence service reads documents of <paramref name="auid"/> to decide what watchers see.</summary>
    public static bool IsRead(string auid) => auid is PresRules or OmaPresRules or PidfManipulation;

    /// <summary>
    /// Whether the presentity keeps documents of <paramref name="auid"/> whole: those the presence service reads, and the
    /// lists the resource list server resolves services from (RFC 4826 sections 3 and 4).
    /// </summary>
    public static bool IsKept(string auid) => IsRead(auid) || IsList(auid);

    /// <summary>Whether documents of <paramref name="auid"/> define list services (a change re-resolves them).</summary>
    public static bool IsList(string auid) => auid is RlsServices or ResourceLists;

    public bool IsRules => Auid is PresRules or OmaPresRules;

    public bool IsHardState => Auid == PidfManipulation;

    public bool Equals(OwnerDocument? other) => other is not null && Auid == other.Auid && ETag == other.ETag;

    public override int GetHashCode() => HashCode.Combine(Auid, ETag);
}
