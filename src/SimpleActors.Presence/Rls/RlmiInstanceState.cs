namespace SimpleActors.Presence.Rls;

/// <summary>The <c>state</c> of an RLMI instance (RFC 4662 section 5.4): that of the back-end subscription it reports.</summary>
public enum RlmiInstanceState
{
    Active,
    Pending,
    Terminated,
}
