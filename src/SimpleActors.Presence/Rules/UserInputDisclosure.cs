namespace SimpleActors.Presence.Rules;

/// <summary>
/// <c>provide-user-input</c> (RFC 5025 section 3.3.2): how much of RPID's <c>user-input</c>
/// (RFC 4480 section 3.10) a watcher sees. Ordered: across matching rules the largest wins.
/// </summary>
public enum UserInputDisclosure
{
    /// <summary><c>false</c>: the element is removed.</summary>
    None = 0,

    /// <summary><c>bare</c>: only the value (active or idle); <c>idle-threshold</c> and <c>last-input</c> are removed.</summary>
    Bare = 1,

    /// <summary><c>thresholds</c>: the value and <c>idle-threshold</c>; <c>last-input</c> is removed.</summary>
    Thresholds = 2,

    /// <summary><c>full</c>: the element as published.</summary>
    Full = 3,
}
