using SimpleActors.Presence;

namespace SimpleActors.Fuzz;

/// <summary>
/// An XML reader of <c>SimpleActors.Presence</c> (PIDF, watcher-info): anything but its own
/// <see cref="PresenceDocumentException"/> is a crash; a document it accepts must be written no more than about twice as
/// large (the server sends what it writes to every watcher) and read back equal (docs/presence-documents.md), the written
/// bytes read as the server reads its own documents, with a size limit that admits them.
/// </summary>
internal sealed class PresenceDocumentTarget<T>(Func<ReadOnlySpan<byte>, PresenceLimits?, T> read, Func<T, byte[]> write) : IFuzzTarget
    where T : IEquatable<T>
{
    public void Run(ReadOnlySpan<byte> input)
    {
        T document;
        try
        {
            document = read(input, null);
        }
        catch (PresenceDocumentException)
        {
            return;
        }

        var written = write(document);
        if (written.Length > 2 * input.Length + 1024)
        {
            throw new FuzzFinding($"{input.Length} bytes read, {written.Length} written");
        }

        var limits = new PresenceLimits { MaxDocumentBytes = Math.Max(written.Length, PresenceLimits.Default.MaxDocumentBytes) };
        if (!read(written, limits).Equals(document))
        {
            throw new FuzzFinding("Parse(Write(d)) differs from d");
        }
    }
}
