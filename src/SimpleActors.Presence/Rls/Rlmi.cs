namespace SimpleActors.Presence.Rls;

/// <summary>
/// The Resource List Meta-Information format (RFC 4662 section 5): the first part of every NOTIFY of a resource list
/// subscription, saying which resources the list has and which body part holds each instance's state.
/// </summary>
public static class Rlmi
{
    /// <summary>The media type of an RLMI document (RFC 4662 section 5).</summary>
    public const string ContentType = "application/rlmi+xml";

    /// <summary>The RLMI namespace, written as the default namespace.</summary>
    public const string Namespace = "urn:ietf:params:xml:ns:rlmi";
}
