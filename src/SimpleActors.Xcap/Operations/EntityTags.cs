namespace SimpleActors.Xcap.Operations;

/// <summary>
/// Entity-tag lists of If-Match and If-None-Match (RFC 9110 section 13.1). Clients differ on quoting (OpenXCAP's
/// test_etags accepts both), so a tag matches quoted or not. If-Match compares strongly (a <c>W/</c> tag never matches),
/// If-None-Match weakly.
/// </summary>
internal static class EntityTags
{
    public static bool IsAny(string header) => header.Trim() == "*";

    public static bool Contains(string header, string etag, bool weakComparison)
    {
        var wanted = Unquote(etag);
        foreach (var raw in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var tag = raw;
            if (tag.StartsWith("W/", StringComparison.Ordinal))
            {
                if (!weakComparison)
                {
                    continue;
                }

                tag = tag[2..];
            }

            if (string.Equals(Unquote(tag), wanted, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static string Quote(string etag) => etag.StartsWith("W/", StringComparison.Ordinal) || (etag.Length >= 2 && etag[0] == '"' && etag[^1] == '"')
        ? etag
        : $"\"{etag}\"";

    private static string Unquote(string tag) => tag.Length >= 2 && tag[0] == '"' && tag[^1] == '"' ? tag[1..^1] : tag;
}
