namespace SimpleActors.Edge.Dialogs;

/// <summary>
/// A usage's final response to an INVITE (<see cref="IInviteUsage.AnswerAsync"/>): the status, reason and body (an SDP
/// answer). The UAS core adds our To tag, and to a 2xx our Contact and the request's Record-Route (RFC 3261 section 12.1.1).
/// </summary>
/// <param name="StatusCode">A final status, 200 to 699 (a provisional one is refused with 500).</param>
/// <param name="ContentType">The body's type; null without a body.</param>
public sealed record InviteAnswer(int StatusCode, string? Reason = null, string? ContentType = null, ReadOnlyMemory<byte> Body = default)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
