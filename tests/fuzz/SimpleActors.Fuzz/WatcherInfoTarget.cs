using SimpleActors.Presence;

namespace SimpleActors.Fuzz;

/// <summary>The watcher-info reader (RFC 3858); a document it accepts must be written and read back equal.</summary>
internal sealed class WatcherInfoTarget : IFuzzTarget
{
    public void Run(ReadOnlySpan<byte> input)
    {
        WatcherInfoDocument document;
        try
        {
            document = WatcherInfo.Parse(input);
        }
        catch (PresenceDocumentException)
        {
            return;
        }

        if (!WatcherInfo.Parse(WatcherInfo.Write(document)).Equals(document))
        {
            throw new FuzzFinding("Parse(Write(d)) differs from d");
        }
    }
}
