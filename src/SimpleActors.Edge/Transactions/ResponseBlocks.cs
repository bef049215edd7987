namespace SimpleActors.Edge.Transactions;

/// <summary>
/// The final responses of completed server transactions, kept for Timer J (RFC 3261 section 17.2.2: 32 s over UDP) in
/// large shared blocks instead of an array each. A block is larger than the large-object threshold, so the garbage
/// collector never copies what it holds; an array per response was copied by two collections on its way to gen2 and was
/// the largest part of what a registration storm keeps (docs/performance.md, "First contact"). Responses come and go
/// in about the order they were stored, so a block empties as a whole and is used again. A response larger than
/// <see cref="LargestInBlock"/> keeps an array of its own. Thread-safe.
/// </summary>
internal sealed class ResponseBlocks
{
    /// <summary>The size of a block (above the 85,000-byte large-object threshold).</summary>
    public const int BlockSize = 256 * 1024;

    /// <summary>The largest response kept in a block.</summary>
    public const int LargestInBlock = 16 * 1024;

    /// <summary>Emptied blocks kept for reuse; more go to the collector.</summary>
    private const int KeptFree = 16;

    private readonly Lock gate = new();
    private readonly Stack<Block> free = new();
    private Block? current;

    /// <summary>Blocks in use or kept for reuse (for tests).</summary>
    public int Blocks { get; private set; }

    /// <summary>Copies <paramref name="response"/> into a block (or keeps it as it is, when large).</summary>
    public StoredResponse Store(byte[] response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Length > LargestInBlock)
        {
            return new StoredResponse(null, response, 0, response.Length);
        }

        lock (gate)
        {
            if (current is null || current.Used + response.Length > BlockSize)
            {
                if (current is not null)
                {
                    current.Sealed = true;
                    Recycle(current);
                }

                current = free.Count > 0 ? free.Pop() : NewBlock();
            }

            var offset = current.Used;
            response.CopyTo(current.Data, offset);
            current.Used += response.Length;
            current.Live++;
            return new StoredResponse(current, current.Data, offset, response.Length);
        }
    }

    /// <summary>
    /// The response is forgotten (Timer J, a transport error, the layer disposed): its place goes back with its block.
    /// Once only; a send that has not pinned it yet will not (<see cref="TryPin"/>).
    /// </summary>
    public void Release(ref StoredResponse response)
    {
        lock (gate)
        {
            if (response.Released)
            {
                return;
            }

            response.Released = true;
            if (response.Block is { } block)
            {
                block.Live--;
                Recycle(block);
            }
        }
    }

    /// <summary>
    /// A send of the response begins: its block is not used again until <see cref="Unpin"/>. False when the response
    /// was released meanwhile (its bytes may be another response's by now): nothing may be sent.
    /// </summary>
    public bool TryPin(ref StoredResponse response)
    {
        lock (gate)
        {
            if (response.Released)
            {
                return false;
            }

            if (response.Block is { } block)
            {
                block.Pins++;
            }

            return true;
        }
    }

    /// <summary>The send that <see cref="TryPin"/> let begin has finished with the bytes.</summary>
    public void Unpin(ref StoredResponse response)
    {
        if (response.Block is { } block)
        {
            lock (gate)
            {
                block.Pins--;
                Recycle(block);
            }
        }
    }

    private Block NewBlock()
    {
        Blocks++;
        return new Block();
    }

    /// <summary>A block no longer written, whose responses are all released and not being sent, is emptied.</summary>
    private void Recycle(Block block)
    {
        if (!block.Sealed || block.Live > 0 || block.Pins > 0)
        {
            return;
        }

        block.Sealed = false;
        block.Used = 0;
        if (free.Count < KeptFree)
        {
            free.Push(block);
        }
        else
        {
            Blocks--;
        }
    }

    internal sealed class Block
    {
        public byte[] Data { get; } = new byte[BlockSize];

        public int Used { get; set; }

        /// <summary>Responses stored in it and not yet released.</summary>
        public int Live { get; set; }

        /// <summary>Sends of its responses under way.</summary>
        public int Pins { get; set; }

        /// <summary>Full: no response is stored in it any more until it is emptied.</summary>
        public bool Sealed { get; set; }
    }
}

/// <summary>A response kept by <see cref="ResponseBlocks"/>: where its bytes are, and whether it was released.</summary>
internal struct StoredResponse(ResponseBlocks.Block? block, byte[] array, int offset, int length)
{
    public ResponseBlocks.Block? Block { get; } = block;

    public ReadOnlyMemory<byte> Bytes { get; } = new(array, offset, length);

    /// <summary>Released (read and written under the blocks' lock).</summary>
    public bool Released { get; set; }
}
