using SimpleActors.Edge.Transactions;

namespace SimpleActors.Edge.Tests.Transactions;

/// <summary>
/// The final responses of completed transactions share large blocks; a block is used again only once every response in
/// it is released and no send of one is under way, and a released response can no longer be sent.
/// </summary>
public class ResponseBlocksTests
{
    private const int Size = 1000;

    private static byte[] Response(int n) => Enumerable.Range(0, Size).Select(i => (byte)(n + i)).ToArray();

    /// <summary>Stores responses numbered from <paramref name="first"/> until one lands in a new block.</summary>
    private static List<(int N, StoredResponse Stored)> FillBlock(ResponseBlocks blocks, int first)
    {
        var stored = new List<(int, StoredResponse)>();
        var perBlock = ResponseBlocks.BlockSize / Size;
        for (var n = first; n < first + perBlock; n++)
        {
            stored.Add((n, blocks.Store(Response(n))));
        }

        return stored;
    }

    [Fact]
    public void Each_response_keeps_its_own_bytes_across_blocks()
    {
        var blocks = new ResponseBlocks();

        var stored = FillBlock(blocks, 0).Concat(FillBlock(blocks, 1000)).ToList();

        Assert.Equal(2, blocks.Blocks);
        Assert.All(stored, s => Assert.Equal(Response(s.N), s.Stored.Bytes.ToArray()));
    }

    [Fact]
    public void An_emptied_block_is_used_again_and_a_released_response_cannot_be_sent()
    {
        var blocks = new ResponseBlocks();
        var first = FillBlock(blocks, 0);
        var second = FillBlock(blocks, 1000); // seals the first block

        for (var i = 0; i < first.Count; i++)
        {
            var stored = first[i].Stored;
            blocks.Release(ref stored);
            Assert.False(blocks.TryPin(ref stored));
        }

        var third = FillBlock(blocks, 2000); // seals the second and goes into the emptied first
        Assert.Equal(2, blocks.Blocks);
        Assert.All(second.Concat(third), s => Assert.Equal(Response(s.N), s.Stored.Bytes.ToArray()));
    }

    [Fact]
    public void A_block_with_a_send_under_way_is_not_used_again_until_the_send_ends()
    {
        var blocks = new ResponseBlocks();
        var first = FillBlock(blocks, 0);
        var sending = first[0].Stored;
        Assert.True(blocks.TryPin(ref sending));
        FillBlock(blocks, 1000);
        foreach (var (_, stored) in first)
        {
            var released = stored;
            blocks.Release(ref released);
        }

        FillBlock(blocks, 2000); // the first block is still being read: a new one
        Assert.Equal(3, blocks.Blocks);
        Assert.Equal(Response(0), sending.Bytes.ToArray());

        blocks.Unpin(ref sending);
        FillBlock(blocks, 3000); // now it is free again
        Assert.Equal(3, blocks.Blocks);
    }

    [Fact]
    public void A_large_response_keeps_an_array_of_its_own()
    {
        var blocks = new ResponseBlocks();
        var large = new byte[ResponseBlocks.LargestInBlock + 1];

        var stored = blocks.Store(large);

        Assert.Null(stored.Block);
        Assert.Equal(0, blocks.Blocks);
        Assert.True(blocks.TryPin(ref stored));
        blocks.Unpin(ref stored);
        blocks.Release(ref stored);
        Assert.False(blocks.TryPin(ref stored));
    }
}
