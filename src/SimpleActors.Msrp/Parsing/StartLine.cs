namespace SimpleActors.Msrp.Parsing;

/// <summary>
/// Where the parts of a start line lie (offsets from the frame's first byte; the transaction id starts at 5).
/// <see cref="TransactionIdLength"/> is 0 while the id is not read whole.
/// </summary>
internal readonly record struct StartLine(
    int Length,
    int TransactionIdLength,
    bool IsRequest,
    int MethodStart,
    int MethodLength,
    int StatusCode,
    int CommentStart,
    int CommentLength)
{
    public const int TransactionIdStart = 5;
}
