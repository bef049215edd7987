namespace SimpleActors.Engine.Rls;

/// <summary>
/// Our From-tag in a back-end subscription (RFC 4662 section 4.2): the list subscription's id, <see cref="Mark"/>, and
/// the member's key and try (<c>&lt;subscription id&gt;~&lt;key&gt;-&lt;try&gt;</c>). The notifier's NOTIFYs carry it as their
/// To-tag (RFC 3261 section 12.2.1.1), so any node's router sends them to the list subscription's entity without a
/// lookup, as it does for in-dialog SUBSCRIBEs, whose To-tag is the subscription id itself. <c>~</c> is a token
/// character (RFC 3261 section 25.1) that the hexadecimal subscription ids never hold.
/// </summary>
public static class BackendTag
{
    public const char Mark = '~';

    /// <summary>The tag of the <paramref name="attempt"/>th dialog of member <paramref name="key"/> of list subscription <paramref name="subscriptionId"/>.</summary>
    public static string Of(string subscriptionId, string key, int attempt) =>
        FormattableString.Invariant($"{subscriptionId}{Mark}{key}-{attempt}");

    /// <summary>The list subscription a back-end tag names; false for any other tag.</summary>
    public static bool TryParse(string? tag, out string subscriptionId)
    {
        var mark = tag?.IndexOf(Mark, StringComparison.Ordinal) ?? -1;
        subscriptionId = mark > 0 && mark < tag!.Length - 1 ? tag[..mark] : string.Empty;
        return subscriptionId.Length > 0;
    }
}
