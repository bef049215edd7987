namespace SimpleActors.Presence.Rls;

/// <summary>How a part's Content-ID header is written.</summary>
public enum ContentIdForm
{
    /// <summary><c>Content-ID: &lt;id&gt;</c>, as RFC 2392 (and RFC 4662's examples) write it.</summary>
    Rfc2392,

    /// <summary><c>Content-Id: id</c>: the only form liblinphone 5.1 finds a part by (it compares the RLMI cid with the header value as written).</summary>
    Bare,
}
