using SimpleActors.Presence;

namespace SimpleActors.Fuzz;

/// <summary>
/// An XML reader of <c>SimpleActors.Presence</c> (PIDF, watcher-info): anything but its own
/// <see cref="PresenceDocumentException"/> is a crash, and a document it accepts must be written and read back equal
/// (docs/presence-documents.md).
/// </summary>
internal sealed class PresenceDocumentTarget<T>(Func<ReadOnlySpan<byte>, T> read, Func<T, byte[]> write) : IFuzzTarget
    where T : IEquatable<T>
{
    public void Run(ReadOnlySpan<byte> input)
    {
        T document;
        try
        {
            document = read(input);
        }
        catch (PresenceDocumentException)
        {
            return;
        }

        if (!read(write(document)).Equals(document))
        {
            throw new FuzzFinding("Parse(Write(d)) differs from d");
        }
    }
}
