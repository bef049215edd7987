using SimpleActors.Msrp.Addressing;
using SimpleActors.Msrp.Parsing;

namespace SimpleActors.Msrp.Message;

/// <summary>
/// The value grammar of the known headers (RFC 4975 section 9, RFC 4976 section 7), shared by the parser, which
/// refuses a frame whose known header does not read, and the typed views on <see cref="MsrpMessage"/>.
/// </summary>
internal static class MsrpHeaderValues
{
    /// <summary>Null when <paramref name="value"/> reads as a value of <paramref name="name"/> (canonical), else the reason.</summary>
    public static string? Check(string name, string value) => name switch
    {
        MsrpHeaderNames.ToPath or MsrpHeaderNames.FromPath or MsrpHeaderNames.UsePath
            => TryParseUriList(value, out _) ? null : $"Malformed {name}",
        MsrpHeaderNames.MessageId => MsrpCharacters.IsMessageId(value) ? null : "Malformed Message-ID",
        MsrpHeaderNames.ByteRange => MsrpByteRange.TryParse(value, out _) ? null : "Malformed Byte-Range",
        MsrpHeaderNames.SuccessReport => TryParseSuccessReport(value, out _) ? null : "Malformed Success-Report",
        MsrpHeaderNames.FailureReport => TryParseFailureReport(value, out _) ? null : "Malformed Failure-Report",
        MsrpHeaderNames.Status => MsrpStatus.TryParse(value, out _) ? null : "Malformed Status",
        MsrpHeaderNames.ContentType => IsMediaType(value) ? null : "Malformed Content-Type",
        MsrpHeaderNames.Expires or MsrpHeaderNames.MinExpires or MsrpHeaderNames.MaxExpires
            => TryParseDeltaSeconds(value, out _) ? null : $"Malformed {name}",
        MsrpHeaderNames.WwwAuthenticate or MsrpHeaderNames.Authorization or MsrpHeaderNames.AuthenticationInfo
            => value.Length > 0 ? null : $"Empty {name}",
        _ => null,
    };

    /// <summary>Every known header appears once, but a relay may offer several challenges.</summary>
    public static bool IsRepeatable(string name)
        => MsrpHeaderNames.Canonical(name) is not { } known || known == MsrpHeaderNames.WwwAuthenticate;

    // To-Path = "To-Path:" SP MSRP-URI *( SP MSRP-URI ); blanks between URIs are read leniently.
    public static bool TryParseUriList(ReadOnlySpan<char> value, out MsrpUri[] uris)
    {
        var list = new List<MsrpUri>();
        uris = [];
        foreach (var range in value.SplitAny(' ', '\t'))
        {
            var part = value[range];
            if (part.IsEmpty)
            {
                continue;
            }

            if (!MsrpUri.TryParse(part, out var uri))
            {
                return false;
            }

            list.Add(uri);
        }

        uris = [.. list];
        return uris.Length > 0;
    }

    // Success-Report = "Success-Report:" SP ("yes" / "no"); ABNF strings are case-insensitive (RFC 5234 section 2.3).
    public static bool TryParseSuccessReport(ReadOnlySpan<char> value, out bool yes)
    {
        yes = value.Equals("yes", StringComparison.OrdinalIgnoreCase);
        return yes || value.Equals("no", StringComparison.OrdinalIgnoreCase);
    }

    public static bool TryParseFailureReport(ReadOnlySpan<char> value, out MsrpFailureReport report)
    {
        if (value.Equals("yes", StringComparison.OrdinalIgnoreCase))
        {
            report = MsrpFailureReport.Yes;
            return true;
        }

        if (value.Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            report = MsrpFailureReport.No;
            return true;
        }

        report = MsrpFailureReport.Partial;
        return value.Equals("partial", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>1*DIGIT (RFC 4976 section 7); a value past int's range is capped, for the relay to find out of bounds.</summary>
    public static bool TryParseDeltaSeconds(ReadOnlySpan<char> value, out int seconds)
    {
        seconds = 0;
        if (value.IsEmpty || value.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        long total = 0;
        foreach (var c in value)
        {
            total = Math.Min((total * 10) + (c - '0'), int.MaxValue);
        }

        seconds = (int)total;
        return true;
    }

    // media-type = type "/" subtype *( ";" gen-param ): the type and subtype are tokens; the parameters are text.
    public static bool IsMediaType(ReadOnlySpan<char> value)
    {
        var slash = value.IndexOf('/');
        if (slash <= 0)
        {
            return false;
        }

        var rest = value[(slash + 1)..];
        var end = rest.IndexOfAny(';', ' ', '\t');
        var subtype = end < 0 ? rest : rest[..end];
        if (!MsrpCharacters.IsToken(value[..slash]) || !MsrpCharacters.IsToken(subtype))
        {
            return false;
        }

        return end < 0 || rest[end..].TrimStart(" \t").StartsWith(';');
    }
}
