using System.Buffers;
using System.Text;

namespace SimpleActors.Engine.Sharding;

/// <summary>
/// The shard of an entity id: FNV-1a (32 bit) of its UTF-8 bytes modulo the shard count. Stable across
/// processes, machines and .NET versions (unlike <see cref="string.GetHashCode()"/>), which sharding
/// needs: every node and every restart must agree on where an entity lives.
/// </summary>
public static class ShardHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static uint Fnv1a(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        var rented = length <= 512 ? null : ArrayPool<byte>.Shared.Rent(length);
        Span<byte> buffer = rented ?? stackalloc byte[512];
        try
        {
            var hash = OffsetBasis;
            foreach (var b in buffer[..Encoding.UTF8.GetBytes(value, buffer)])
            {
                hash = unchecked((hash ^ b) * Prime);
            }

            return hash;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The shard id (<c>0</c> to <c>shardCount - 1</c>, as text) of <paramref name="entityId"/>.</summary>
    public static string ShardOf(string entityId, int shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        return (Fnv1a(entityId) % (uint)shardCount).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
