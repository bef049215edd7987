using System.Globalization;
using SimpleActors.Msrp.Addressing;
using SimpleActors.Msrp.Parsing;

namespace SimpleActors.Msrp.Message;

/// <summary>
/// An MSRP response: <c>MSRP transact-id status-code [comment]</c>, headers and the end-line, always <c>$</c>; a
/// response has no body (RFC 4975 sections 7.2 and 9). MsrpResponse.Create.cs builds the response to a request.
/// </summary>
public sealed partial class MsrpResponse : MsrpMessage
{
    /// <summary>A response built here; <paramref name="comment"/> is text without control characters, or null.</summary>
    public MsrpResponse(string transactionId, int statusCode, string? comment, IReadOnlyList<MsrpUri> toPath, IReadOnlyList<MsrpUri> fromPath)
        : this(transactionId, statusCode, comment, toPath, fromPath, new MsrpHeaderCollection())
    {
    }

    internal MsrpResponse(
        string transactionId,
        int statusCode,
        string? comment,
        IReadOnlyList<MsrpUri> toPath,
        IReadOnlyList<MsrpUri> fromPath,
        MsrpHeaderCollection headers)
        : base(transactionId, toPath, fromPath, headers)
    {
        // status-code = 3DIGIT
        ArgumentOutOfRangeException.ThrowIfNegative(statusCode);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 999);
        if (comment is not null && !MsrpCharacters.IsText(comment))
        {
            throw new ArgumentException("A comment is text without control characters", nameof(comment));
        }

        StatusCode = statusCode;
        Comment = comment;
    }

    public override bool IsRequest => false;

    /// <summary>The status code, three digits on the wire (RFC 4975 section 10).</summary>
    public int StatusCode { get; }

    /// <summary>The text after the code; null when there is none.</summary>
    public string? Comment { get; }

    public override string StartLine
        => string.Create(CultureInfo.InvariantCulture, $"MSRP {TransactionId} {StatusCode:D3}") + (Comment is null ? string.Empty : " " + Comment);

    private protected override bool StartLineEquals(MsrpMessage other)
        => other is MsrpResponse response
           && StatusCode == response.StatusCode
           && string.Equals(Comment, response.Comment, StringComparison.Ordinal);
}
