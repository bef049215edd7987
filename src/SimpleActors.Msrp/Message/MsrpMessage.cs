using SimpleActors.Msrp.Addressing;
using SimpleActors.Msrp.Parsing;

namespace SimpleActors.Msrp.Message;

/// <summary>
/// An MSRP request or response (RFC 4975 section 9): the start line with its transaction id, To-Path and From-Path
/// (always the first and second header), then the other headers in order. Typed views of the known headers are read
/// from the header lines when asked for (MsrpMessage.TypedHeaders.cs).
/// </summary>
public abstract partial class MsrpMessage
{
    private string transactionId;
    private IReadOnlyList<MsrpUri> toPath;
    private IReadOnlyList<MsrpUri> fromPath;

    private protected MsrpMessage(string transactionId, IReadOnlyList<MsrpUri> toPath, IReadOnlyList<MsrpUri> fromPath, MsrpHeaderCollection headers)
    {
        this.transactionId = CheckTransactionId(transactionId);
        this.toPath = CheckPath(toPath, nameof(toPath));
        this.fromPath = CheckPath(fromPath, nameof(fromPath));
        Headers = headers;
    }

    /// <summary>
    /// transact-id = ident, 4 to 32 characters (RFC 4975 section 9). The writer replaces a request's id when its body
    /// holds the id's end-line (section 7.1); read it after writing.
    /// </summary>
    public string TransactionId
    {
        get => transactionId;
        set => transactionId = CheckTransactionId(value);
    }

    /// <summary>The URIs the message goes to, the next hop first (RFC 4975 section 5.2). Never empty.</summary>
    public IReadOnlyList<MsrpUri> ToPath
    {
        get => toPath;
        set => toPath = CheckPath(value, nameof(ToPath));
    }

    /// <summary>The URIs the message came through, the previous hop first. Never empty.</summary>
    public IReadOnlyList<MsrpUri> FromPath
    {
        get => fromPath;
        set => fromPath = CheckPath(value, nameof(FromPath));
    }

    /// <summary>The headers after To-Path and From-Path.</summary>
    public MsrpHeaderCollection Headers { get; }

    public abstract bool IsRequest { get; }

    /// <summary>The start line as it goes on the wire, without CRLF.</summary>
    public abstract string StartLine { get; }

    /// <summary>
    /// The same start line, the same paths (URI by URI, as written), the same header lines in the same order, and for
    /// a request the same body and continuation flag.
    /// </summary>
    public bool ContentEquals(MsrpMessage other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(TransactionId, other.TransactionId, StringComparison.Ordinal)
               && StartLineEquals(other)
               && SamePath(ToPath, other.ToPath)
               && SamePath(FromPath, other.FromPath)
               && Headers.SequenceEqual(other.Headers);
    }

    public override string ToString() => StartLine;

    private protected abstract bool StartLineEquals(MsrpMessage other);

    private static bool SamePath(IReadOnlyList<MsrpUri> a, IReadOnlyList<MsrpUri> b)
        => a.Count == b.Count && a.Zip(b).All(p => string.Equals(p.First.ToString(), p.Second.ToString(), StringComparison.Ordinal));

    private static string CheckTransactionId(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return MsrpCharacters.IsTransactionId(value)
            ? value
            : throw new ArgumentException($"Not a transaction id (4 to 32 ident characters): {value}", nameof(value));
    }

    private static MsrpUri[] CheckPath(IReadOnlyList<MsrpUri> path, string name)
    {
        ArgumentNullException.ThrowIfNull(path, name);
        if (path.Count == 0 || path.Any(u => u is null))
        {
            throw new ArgumentException("A path holds one URI or more", name);
        }

        return [.. path];
    }
}
