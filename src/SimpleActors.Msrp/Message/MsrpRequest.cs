using SimpleActors.Msrp.Addressing;

namespace SimpleActors.Msrp.Message;

/// <summary>
/// An MSRP request: <c>MSRP transact-id method</c>, headers, an optional body and the end-line with its continuation
/// flag (RFC 4975 sections 7.1 and 9). A SEND's body is one chunk of a message.
/// </summary>
public sealed class MsrpRequest : MsrpMessage
{
    private MsrpContinuation continuation = MsrpContinuation.Complete;

    /// <summary>A request built here; <paramref name="method"/> is upper-case letters (SEND, REPORT, AUTH ...).</summary>
    public MsrpRequest(string transactionId, string method, IReadOnlyList<MsrpUri> toPath, IReadOnlyList<MsrpUri> fromPath)
        : this(transactionId, method, toPath, fromPath, new MsrpHeaderCollection(), ReadOnlyMemory<byte>.Empty, MsrpContinuation.Complete)
    {
    }

    internal MsrpRequest(
        string transactionId,
        string method,
        IReadOnlyList<MsrpUri> toPath,
        IReadOnlyList<MsrpUri> fromPath,
        MsrpHeaderCollection headers,
        ReadOnlyMemory<byte> body,
        MsrpContinuation continuation)
        : base(transactionId, toPath, fromPath, headers)
    {
        if (!MsrpMethod.IsValid(method))
        {
            throw new ArgumentException($"Not a method (upper-case letters): {method}", nameof(method));
        }

        Method = method;
        Body = body;
        Continuation = continuation;
    }

    public override bool IsRequest => true;

    /// <summary>The method, upper-case letters (RFC 4975 section 9).</summary>
    public string Method { get; }

    /// <summary>The body: one chunk's bytes. Empty when the request has none (a bodiless SEND, a REPORT, an AUTH).</summary>
    public ReadOnlyMemory<byte> Body { get; set; }

    /// <summary>The end-line's flag: complete, more chunks follow, or aborted.</summary>
    public MsrpContinuation Continuation
    {
        get => continuation;
        set => continuation = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override string StartLine => $"MSRP {TransactionId} {Method}";

    private protected override bool StartLineEquals(MsrpMessage other)
        => other is MsrpRequest request
           && string.Equals(Method, request.Method, StringComparison.Ordinal)
           && Continuation == request.Continuation
           && Body.Span.SequenceEqual(request.Body.Span);
}
