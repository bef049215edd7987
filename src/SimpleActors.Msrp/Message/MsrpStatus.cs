using System.Globalization;
using SimpleActors.Msrp.Parsing;

namespace SimpleActors.Msrp.Message;

/// <summary>
/// The Status header of a REPORT (RFC 4975 sections 7.1.2 and 9): <c>namespace SP status-code [SP text-reason]</c>,
/// as in <c>000 200 OK</c>. Namespace 000 holds the codes of RFC 4975.
/// </summary>
public sealed record MsrpStatus
{
    public MsrpStatus(int code, string? comment = null, int @namespace = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(code);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code, 999);
        ArgumentOutOfRangeException.ThrowIfNegative(@namespace);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(@namespace, 999);
        if (comment is not null && !MsrpCharacters.IsText(comment))
        {
            throw new ArgumentException("A comment is text without control characters", nameof(comment));
        }

        // A header value ends at its last non-blank character, so trailing blanks could not be read back.
        comment = comment?.TrimEnd(' ', '\t');
        Code = code;
        Comment = string.IsNullOrEmpty(comment) ? null : comment;
        Namespace = @namespace;
    }

    /// <summary>Three digits; 000 for the codes of RFC 4975.</summary>
    public int Namespace { get; }

    /// <summary>The status code, three digits.</summary>
    public int Code { get; }

    /// <summary>The text after the code, without trailing blanks; null when there is none.</summary>
    public string? Comment { get; }

    /// <summary>Reads <c>3DIGIT SP 3DIGIT [SP text-reason]</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MsrpStatus? status)
    {
        status = null;
        if (text.Length < 7 || text[3] != ' ' || (text.Length > 7 && text[7] != ' ')
            || text[..3].ContainsAnyExceptInRange('0', '9') || text[4..7].ContainsAnyExceptInRange('0', '9')
            || !MsrpCharacters.IsText(text))
        {
            return false;
        }

        var ns = int.Parse(text[..3], NumberStyles.None, CultureInfo.InvariantCulture);
        var code = int.Parse(text[4..7], NumberStyles.None, CultureInfo.InvariantCulture);
        status = new MsrpStatus(code, text.Length > 7 ? text[8..].ToString() : null, ns);
        return true;
    }

    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Namespace:D3} {Code:D3}") + (Comment is null ? string.Empty : " " + Comment);
}
