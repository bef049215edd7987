using SimpleActors.Presence;

namespace SimpleActors.Fuzz;

/// <summary>The PIDF reader; a document it accepts must be written and read back equal (docs/presence-documents.md).</summary>
internal sealed class PidfTarget : IFuzzTarget
{
    public void Run(ReadOnlySpan<byte> input)
    {
        PidfDocument document;
        try
        {
            document = Pidf.Parse(input);
        }
        catch (PresenceDocumentException)
        {
            return;
        }

        if (!Pidf.Parse(Pidf.Write(document)).Equals(document))
        {
            throw new FuzzFinding("Parse(Write(d)) differs from d");
        }
    }
}
