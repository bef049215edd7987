namespace SimpleActors.Presence.Rules;

/// <summary>
/// The boolean attribute permissions of RFC 5025 section 3.3 (<c>provide-activities</c> to
/// <c>provide-note</c>), one flag each. Combined across matching rules with OR (RFC 4745 section 10).
/// </summary>
[Flags]
public enum ProvidedAttributes
{
    None = 0,

    /// <summary><c>provide-activities</c>: RPID <c>activities</c>.</summary>
    Activities = 1 << 0,

    /// <summary><c>provide-class</c>: RPID <c>class</c>.</summary>
    Class = 1 << 1,

    /// <summary><c>provide-deviceID</c>: the data model's <c>deviceID</c> of a service (tuple).</summary>
    DeviceId = 1 << 2,

    /// <summary><c>provide-mood</c>: RPID <c>mood</c>.</summary>
    Mood = 1 << 3,

    /// <summary><c>provide-place-is</c>: RPID <c>place-is</c>.</summary>
    PlaceIs = 1 << 4,

    /// <summary><c>provide-place-type</c>: RPID <c>place-type</c>.</summary>
    PlaceType = 1 << 5,

    /// <summary><c>provide-privacy</c>: RPID <c>privacy</c>.</summary>
    Privacy = 1 << 6,

    /// <summary><c>provide-relationship</c>: RPID <c>relationship</c>.</summary>
    Relationship = 1 << 7,

    /// <summary><c>provide-status-icon</c>: RPID <c>status-icon</c>.</summary>
    StatusIcon = 1 << 8,

    /// <summary><c>provide-sphere</c>: RPID <c>sphere</c>.</summary>
    Sphere = 1 << 9,

    /// <summary><c>provide-time-offset</c>: RPID <c>time-offset</c>.</summary>
    TimeOffset = 1 << 10,

    /// <summary><c>provide-note</c>: the <c>note</c> elements of the document, tuples, persons and devices.</summary>
    Note = 1 << 11,

    /// <summary>Every flag above.</summary>
    All = (1 << 12) - 1,
}
