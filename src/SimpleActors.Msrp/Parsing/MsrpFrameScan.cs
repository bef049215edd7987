namespace SimpleActors.Msrp.Parsing;

/// <summary>
/// How far <see cref="MsrpParser"/> got in the unfinished frame at the front of a connection's buffer, so that the next
/// call resumes the end-line search where the last one stopped instead of searching the body again from its start
/// (a body of n bytes arriving in reads of r bytes then costs about n bytes of searching, not n*n/2r).
/// </summary>
/// <remarks>
/// One per connection, passed by reference to every
/// <see cref="MsrpParser.TryReadFrame(ref System.Buffers.SequenceReader{byte}, ref MsrpFrameScan, out Message.MsrpMessage?)"/>
/// over that connection's buffer. It describes the frame at the front of the buffer, so the caller must not consume
/// bytes between calls other than the frames the parser returns; the parser starts it afresh when it returns a frame
/// or throws, and when the buffer is shorter than at the last call (a caller that dropped bytes).
/// </remarks>
public struct MsrpFrameScan
{
    // Offsets from the frame's first byte. 0 where nothing is known yet; the empty line is stored plus one.
    private long resumeAt;
    private long buffered;
    private int blankPlusOne;

    /// <summary>
    /// The offset from the frame's first byte where the next end-line search starts: every earlier position has been
    /// ruled out as the start of the end-line. 0 before the first search.
    /// </summary>
    public readonly long Position => resumeAt;

    /// <summary>Bytes the end-line search has looked at for this frame, over all calls: the work done, for tests and metrics.</summary>
    public long BytesSearched { readonly get; private set; }

    /// <summary>True when the scan knows nothing: a new frame.</summary>
    public readonly bool IsFresh => resumeAt == 0 && buffered == 0 && blankPlusOne == 0 && BytesSearched == 0;

    /// <summary>The offset of the empty line that ends the header section (its CRLF CRLF), or -1 when not seen yet.</summary>
    internal readonly int Blank => blankPlusOne - 1;

    /// <summary>Forgets everything: the next call reads a new frame from its start.</summary>
    public void Reset() => this = default;

    /// <summary>Starts afresh when <paramref name="remaining"/> cannot be the same buffer grown since the last call.</summary>
    internal void CheckBuffer(long remaining)
    {
        if (remaining < buffered || resumeAt > remaining)
        {
            Reset();
        }
    }

    /// <summary>The end-line search looked at <c>[from, remaining)</c> and every position before <paramref name="resume"/> is ruled out.</summary>
    internal void Searched(long from, long remaining, long resume)
    {
        BytesSearched += Math.Max(0, remaining - from);
        resumeAt = resume;
        buffered = remaining;
    }

    internal void FoundBlank(long blank)
    {
        if (blank >= 0)
        {
            blankPlusOne = (int)blank + 1;
        }
    }
}
