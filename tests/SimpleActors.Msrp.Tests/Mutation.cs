using FsCheck;
using FsCheck.Fluent;

namespace SimpleActors.Msrp.Tests;

/// <summary>Small random edits of real bodies: they reach far deeper into a grammar than random bytes do.</summary>
internal static class Mutation
{
    private static readonly byte[] Interesting = "\r\n \t:;,.<>\"'\\/=?&!-0aZ\0\x7F\xFF\xC3\xA9"u8.ToArray();

    private static readonly Gen<(int Kind, int Position, byte Byte)> Edit =
        from kind in Gen.Choose(0, 4)
        from position in Gen.Choose(0, 1 << 20)
        from value in Gen.Elements(Interesting)
        select (kind, position, value);

    /// <summary>One of <paramref name="seeds"/> with one to six edits.</summary>
    public static Gen<byte[]> Of(IReadOnlyList<byte[]> seeds) =>
        from seed in Gen.Elements(seeds.ToArray())
        from count in Gen.Choose(1, 6)
        from edits in Edit.ArrayOf(count)
        select Apply(seed, edits);

    /// <summary>
    /// Applies the edits: 0 replace, 1 insert, 2 remove a byte, 3 remove up to 8, 4 repeat up to 16, 5 append the seed
    /// again (a second frame behind the first; only the parser's tests draw it).
    /// </summary>
    internal static byte[] Apply(byte[] seed, IEnumerable<(int Kind, int Position, byte Byte)> edits)
    {
        var bytes = seed.ToList();
        foreach (var (kind, position, value) in edits)
        {
            var at = bytes.Count == 0 ? 0 : position % bytes.Count;
            switch (kind)
            {
                case 0 when bytes.Count > 0: bytes[at] = value; break;
                case 1: bytes.Insert(at, value); break;
                case 2 when bytes.Count > 0: bytes.RemoveAt(at); break;
                case 3 when bytes.Count > 0: bytes.RemoveRange(at, Math.Min(8, bytes.Count - at)); break;
                case 4: bytes.InsertRange(at, bytes.Skip(at).Take(16).ToArray()); break;
                case 5: bytes.AddRange(seed); break;
            }
        }

        return bytes.ToArray();
    }
}
