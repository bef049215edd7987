namespace SimpleActors.Sip.Sdp;

/// <summary>
/// The media-type lists of MSRP's <c>a=accept-types</c> and <c>a=accept-wrapped-types</c> (RFC 4975 section 8.6): each
/// entry is a type <c>type/subtype</c>, a range <c>type/*</c>, or <c>*</c> for anything. Types compare without case
/// and without parameters. An entry that is none of these never matches (kept, not refused).
/// </summary>
public static class AcceptTypes
{
    /// <summary>message/cpim, the wrapper RFC 4975 section 8.6 names (RFC 3862).</summary>
    public const string Cpim = "message/cpim";

    /// <summary>
    /// True when the entry <paramref name="range"/> covers <paramref name="mediaType"/>, which may itself be a range:
    /// <c>*</c> covers everything, <c>text/*</c> covers <c>text/plain</c> and <c>text/*</c>, <c>text/plain</c> covers only
    /// itself. <c>*/*</c> is read as <c>*</c>.
    /// </summary>
    public static bool Covers(string range, string mediaType)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(mediaType);
        if (!TrySplit(range, out var rangeType, out var rangeSubtype) || !TrySplit(mediaType, out var type, out var subtype))
        {
            return false;
        }

        if (rangeType is "*")
        {
            return true;
        }

        if (type is "*" || !rangeType.Equals(type, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return rangeSubtype is "*" || (subtype is not "*" && rangeSubtype.Equals(subtype, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True when some entry of <paramref name="list"/> covers <paramref name="mediaType"/>.</summary>
    public static bool Contains(IEnumerable<string> list, string mediaType)
    {
        ArgumentNullException.ThrowIfNull(list);
        return list.Any(range => Covers(range, mediaType));
    }

    /// <summary>
    /// How a message of <paramref name="mediaType"/> (a Content-Type, parameters allowed) may go to a peer with these
    /// lists (RFC 4975 section 8.6): as it is when <paramref name="acceptTypes"/> covers it; else inside message/cpim
    /// when <paramref name="acceptTypes"/> covers message/cpim and <paramref name="acceptWrappedTypes"/> covers the type;
    /// else not at all. (A type in accept-types may be wrapped too; sending it as it is comes first.)
    /// </summary>
    public static MessageAcceptance Check(IEnumerable<string> acceptTypes, IEnumerable<string> acceptWrappedTypes, string mediaType)
    {
        ArgumentNullException.ThrowIfNull(acceptTypes);
        ArgumentNullException.ThrowIfNull(acceptWrappedTypes);
        ArgumentNullException.ThrowIfNull(mediaType);
        var accepted = acceptTypes as IReadOnlyCollection<string> ?? acceptTypes.ToArray();
        if (Contains(accepted, mediaType))
        {
            return MessageAcceptance.Direct;
        }

        // RFC 4975 section 8.6: accept-wrapped-types lists what is only acceptable inside a wrapper; the wrapper itself
        // must be in accept-types.
        return Contains(accepted, Cpim) && Contains(acceptWrappedTypes, mediaType) ? MessageAcceptance.WrappedInCpim : MessageAcceptance.NotAccepted;
    }

    /// <summary>
    /// The entries both lists accept, in <paramref name="preferred"/>'s order, each as the narrower of the two that
    /// matched: (<c>text/*</c>, <c>text/plain</c>) gives <c>text/plain</c>, (<c>*</c>, anything) gives the other entry.
    /// Empty when they have nothing in common.
    /// </summary>
    public static IReadOnlyList<string> Intersect(IEnumerable<string> preferred, IEnumerable<string> other)
    {
        ArgumentNullException.ThrowIfNull(preferred);
        ArgumentNullException.ThrowIfNull(other);
        var others = other.ToArray();
        var result = new List<string>();
        foreach (var mine in preferred)
        {
            foreach (var theirs in others)
            {
                var common = Covers(mine, theirs) ? theirs : Covers(theirs, mine) ? mine : null;
                if (common is not null && !result.Exists(r => string.Equals(Essence(r), Essence(common), StringComparison.OrdinalIgnoreCase)))
                {
                    result.Add(common);
                }
            }
        }

        return result;
    }

    // type "/" subtype without parameters; "*" (and "*/*") as ("*", "*"). False for anything else.
    private static bool TrySplit(string entry, out ReadOnlySpan<char> type, out ReadOnlySpan<char> subtype)
    {
        var essence = Essence(entry).AsSpan();
        if (essence is "*" or "*/*")
        {
            type = subtype = "*";
            return true;
        }

        var slash = essence.IndexOf('/');
        type = slash < 0 ? [] : essence[..slash];
        subtype = slash < 0 ? [] : essence[(slash + 1)..];
        return IsToken(type) && type is not "*" && (subtype is "*" || IsToken(subtype));
    }

    private static string Essence(string entry)
    {
        var semicolon = entry.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? entry : entry[..semicolon]).Trim();
    }

    // RFC 2045 token characters (RFC 4975's type and subtype): visible ASCII but tspecials.
    private static bool IsToken(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (c is <= ' ' or >= '\x7F' || "()<>@,;:\\\"/[]?=".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
